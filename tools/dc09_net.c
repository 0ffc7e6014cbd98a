/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Sockets and the clock of dc09-tool. Plain POSIX: a receiver under test is
 * reached by host name or address, over TCP or UDP, IPv4 or IPv6.
 */
#include "dc09_tool.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

int
tool_connect(const char *host, const char *port, bool udp)
{
	struct addrinfo hints = {0};
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = udp ? SOCK_DGRAM : SOCK_STREAM;
	struct addrinfo *res = NULL;
	int rc = getaddrinfo(host, port, &hints, &res);
	if (rc != 0) {
		fprintf(stderr, "dc09-tool: %s port %s: %s\n", host, port, gai_strerror(rc));
		return -1;
	}
	int fd = -1;
	int err = 0;
	for (struct addrinfo *ai = res; ai; ai = ai->ai_next) {
		fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
		if (fd < 0) {
			err = errno;
			continue;
		}
		/* A connected UDP socket only receives from the receiver we talk to. */
		if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0)
			break;
		err = errno;
		close(fd);
		fd = -1;
	}
	freeaddrinfo(res);
	if (fd < 0) {
		fprintf(stderr, "dc09-tool: cannot connect to %s port %s (%s): %s\n", host, port,
			udp ? "udp" : "tcp", strerror(err));
		return -1;
	}
	if (!udp) {
		/* Frames are small and each one waits for its ACK: no Nagle delay. */
		int one = 1;
		(void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	}
	return fd;
}

int
tool_set_nonblocking(int fd)
{
	int fl = fcntl(fd, F_GETFL);
	if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0)
		return -1;
	return 0;
}

int64_t
tool_mono_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}
