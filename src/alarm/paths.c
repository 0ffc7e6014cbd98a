/* SPDX-License-Identifier: EUPL-1.2 */
/* Parsing the receiver's listen list (see paths.h). */
#include "alarm/paths.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static int
parse_one(const char *s, size_t len, struct lia_alarm_path *p, const char **error)
{
	const char *eq = memchr(s, '=', len);
	if (!eq || eq == s || (size_t)(eq - s) >= LIA_ALARM_PATH_NAME) {
		*error = "each entry is NAME=tcp://HOST:PORT or NAME=udp://HOST:PORT";
		return -1;
	}
	memcpy(p->name, s, (size_t)(eq - s));
	p->name[eq - s] = '\0';
	const char *u = eq + 1;
	size_t ulen = len - (size_t)(u - s);
	if (ulen > 6 && !memcmp(u, "tcp://", 6))
		p->udp = false;
	else if (ulen > 6 && !memcmp(u, "udp://", 6))
		p->udp = true;
	else {
		*error = "the scheme must be tcp:// or udp://";
		return -1;
	}
	u += 6;
	ulen -= 6;
	const char *colon = NULL;
	for (size_t i = ulen; i > 0; i--)
		if (u[i - 1] == ':') {
			colon = u + i - 1;
			break;
		}
	if (!colon || colon == u || (size_t)(colon - u) >= sizeof p->host) {
		*error = "HOST:PORT expected after the scheme";
		return -1;
	}
	memcpy(p->host, u, (size_t)(colon - u));
	p->host[colon - u] = '\0';
	char port[8];
	size_t plen = ulen - (size_t)(colon + 1 - u);
	if (plen == 0 || plen >= sizeof port) {
		*error = "the port must be 0..65535";
		return -1;
	}
	memcpy(port, colon + 1, plen);
	port[plen] = '\0';
	char *end;
	errno = 0;
	long v = strtol(port, &end, 10);
	if (errno || *end || v < 0 || v > 65535) {
		*error = "the port must be 0..65535";
		return -1;
	}
	p->port = (unsigned short)v;
	return 0;
}

int
lia_alarm_paths_parse(const char *spec, struct lia_alarm_paths *out, const char **error)
{
	memset(out, 0, sizeof *out);
	if (!spec || !*spec)
		return 0;
	const char *s = spec;
	for (;;) {
		const char *comma = strchr(s, ',');
		size_t len = comma ? (size_t)(comma - s) : strlen(s);
		while (len && *s == ' ')
			s++, len--;
		while (len && s[len - 1] == ' ')
			len--;
		if (out->n == LIA_ALARM_MAX_PATHS) {
			*error = "too many listen addresses (at most 16)";
			return -1;
		}
		struct lia_alarm_path *p = &out->path[out->n];
		if (parse_one(s, len, p, error) != 0)
			return -1;
		for (int i = 0; i < out->n; i++)
			if (!strcmp(out->path[i].name, p->name) && out->path[i].udp == p->udp) {
				*error = "a name appears twice with the same transport";
				return -1;
			}
		out->n++;
		if (!comma)
			break;
		s = comma + 1;
	}
	return 0;
}
