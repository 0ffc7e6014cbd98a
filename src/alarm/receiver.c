/* SPDX-License-Identifier: EUPL-1.2 */
/* The DC-09 receiver's network loop (see receiver.h). */
#define _GNU_SOURCE /* accept4 */
#include "alarm/receiver.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "alarm/ingest.h"
#include "core/alloc.h"
#include "core/clock.h"
#include "core/log.h"
#include "dc09/dc09.h"

#define CONN_BUF (2 * LIA_DC09_MAX_FRAME)
#define ADDR_SLOTS 4096          /* open addressing; a full table drops new senders' frames */
#define MAX_INFLIGHT 8192        /* all senders together */
#define LAT_BUCKET_US 100        /* latency histogram: 100 µs buckets up to 1 s */
#define LAT_BUCKETS 10000
#define STOP_WAIT_MS 5000

/* Tags in epoll data: the low bits say what the descriptor is. */
enum { TAG_LISTEN = 1, TAG_UDP = 2, TAG_CONN = 3, TAG_WAKE = 4 };
#define TAG(kind, index) (((uint64_t)(index) << 8) | (uint64_t)(kind))

struct addr_key {
	unsigned char bytes[16];
	int used;                /* 0 free, 1 in use */
	int inflight;
};

struct conn {
	int fd;                  /* -1: free slot */
	uint32_t gen;            /* bumped on close: late answers for a closed slot are dropped */
	int path;
	struct addr_key *addr;
	int64_t last_frame_ms;   /* monotonic */
	int64_t partial_since_ms; /* 0: nothing buffered */
	size_t len;
	unsigned char *buf;
};

struct frame_job {
	struct lia_job job;
	struct lia_ingest in;
	struct lia_receiver *rx;
	int path;
	bool udp;
	uint32_t slot, gen;      /* TCP */
	struct sockaddr_storage peer; /* UDP */
	socklen_t peer_len;
	struct addr_key *addr;
	int64_t start_us;        /* monotonic */
	struct frame_job *next;
	unsigned char body[];
};

struct lia_receiver {
	const struct lia_config *cfg;
	struct lia_committer *cm;
	const struct lia_sealing_key *sealing_key;
	struct lia_touch_memo *touched;
	struct lia_ingest_cache *cache; /* used by the committer thread only */
	struct lia_alarm_paths paths;
	int fds[LIA_ALARM_MAX_PATHS];
	int ep, wake;
	pthread_t thread;
	_Atomic bool stopping;
	struct conn *conns;
	size_t nconns;
	struct addr_key addrs[ADDR_SLOTS];
	int inflight;
	/* Jobs answered by the committer, waiting for this thread to write the answer. */
	pthread_mutex_t done_lock;
	struct frame_job *done_head, *done_tail;
	/* Statistics (this thread writes, lia_receiver_stats reads under the lock). */
	pthread_mutex_t stats_lock;
	struct lia_receiver_stats st;
	unsigned long long lat[LAT_BUCKETS + 1];
	unsigned long long lat_n;
};

static int64_t
mono_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void
addr_bytes(const struct sockaddr_storage *ss, unsigned char out[16])
{
	memset(out, 0, 16);
	if (ss->ss_family == AF_INET) {
		const struct sockaddr_in *in = (const struct sockaddr_in *)(const void *)ss;
		memcpy(out + 12, &in->sin_addr, 4);
		out[10] = out[11] = 0xff;
	} else if (ss->ss_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)(const void *)ss;
		memcpy(out, &in6->sin6_addr, 16);
	}
}

/* The in-flight counter of a sender address; NULL when the table is full. */
static struct addr_key *
addr_find(struct lia_receiver *rx, const struct sockaddr_storage *ss)
{
	unsigned char b[16];
	addr_bytes(ss, b);
	uint32_t h = 2166136261u;
	for (int i = 0; i < 16; i++)
		h = (h ^ b[i]) * 16777619u;
	struct addr_key *tomb = NULL;
	for (size_t i = 0; i < ADDR_SLOTS; i++) {
		struct addr_key *k = &rx->addrs[(h + i) % ADDR_SLOTS];
		if (k->used && !memcmp(k->bytes, b, 16))
			return k;
		if (k->used && k->inflight == 0 && !tomb)
			tomb = k; /* an idle sender's slot can be taken over */
		if (!k->used) {
			k = tomb ? tomb : k;
			memcpy(k->bytes, b, 16);
			k->used = 1;
			k->inflight = 0;
			return k;
		}
	}
	if (tomb) {
		memcpy(tomb->bytes, b, 16);
		tomb->inflight = 0;
	}
	return tomb;
}

/* ---- answers ---- */

static void
note_latency(struct lia_receiver *rx, int64_t us)
{
	size_t b = us < 0 ? 0 : (size_t)(us / LAT_BUCKET_US);
	if (b > LAT_BUCKETS)
		b = LAT_BUCKETS;
	rx->lat[b]++;
	rx->lat_n++;
	if ((unsigned long long)us > rx->st.latency_max_us)
		rx->st.latency_max_us = (unsigned long long)us;
}

static void
conn_close(struct lia_receiver *rx, struct conn *cn)
{
	epoll_ctl(rx->ep, EPOLL_CTL_DEL, cn->fd, NULL);
	close(cn->fd);
	cn->fd = -1;
	cn->gen++;
	cn->len = 0;
	rx->st.connections--;
}

static void
send_tcp(struct lia_receiver *rx, struct conn *cn, const char *data, size_t len)
{
	ssize_t w = send(cn->fd, data, len, MSG_NOSIGNAL | MSG_DONTWAIT);
	if (w != (ssize_t)len) /* a sender that does not read its answers loses the line */
		conn_close(rx, cn);
}

static void
answer(struct lia_receiver *rx, struct frame_job *j)
{
	struct lia_alarm_path *p = &rx->paths.path[j->path];
	bool ok = j->job.fn_status == LIA_STORE_OK && j->job.commit_status == LIA_STORE_OK;
	j->addr->inflight--;
	rx->inflight--;
	if (!ok) {
		/* Not stored: say nothing, the sender repeats. */
		rx->st.failed++;
		lia_log(LIA_LOG_ERROR, "alarm.store_failed", "path=%s fn=%d commit=%d", p->name,
			j->job.fn_status, j->job.commit_status);
		return;
	}
	if (!j->in.reply_len)
		return;
	if (j->in.device_id)
		lia_touch_memo_note(rx->touched, j->in.device_id, j->in.path, j->in.received_at);
	switch (j->in.outcome) {
	case LIA_INGEST_STORED: rx->st.stored++; p->acks++; break;
	case LIA_INGEST_DUPLICATE: rx->st.duplicates++; p->acks++; break;
	case LIA_INGEST_LINK_TEST: rx->st.link_tests++; p->acks++; break;
	case LIA_INGEST_UNKNOWN: rx->st.unknown++; p->duhs++; break;
	case LIA_INGEST_STALE_TIME: rx->st.stale++; p->naks++; break;
	case LIA_INGEST_NONE: break;
	}
	if (j->udp) {
		sendto(rx->fds[j->path], j->in.reply, j->in.reply_len, MSG_DONTWAIT,
		       (struct sockaddr *)&j->peer, j->peer_len);
	} else {
		struct conn *cn = &rx->conns[j->slot];
		if (cn->fd < 0 || cn->gen != j->gen)
			return; /* the connection is gone; the sender will repeat on a new one */
		send_tcp(rx, cn, j->in.reply, j->in.reply_len);
	}
	note_latency(rx, mono_us() - j->start_us);
}

/* On the committer thread: the job's work. Its audit entries ride in the batch's
 * one append (committer.h); a failed run appends none. */
static int
run_frame(struct lia_conn *c, void *cls)
{
	struct frame_job *j = cls;
	int st = lia_ingest_run(c, &j->in);
	j->job.audit = st == LIA_STORE_OK ? j->in.audit : NULL;
	j->job.naudit = st == LIA_STORE_OK ? j->in.naudit : 0;
	return st;
}

/* On the committer thread: hand the job back to the loop. */
static void
job_done(struct lia_job *job, void *cls)
{
	struct frame_job *j = cls;
	(void)job;
	struct lia_receiver *rx = j->rx;
	pthread_mutex_lock(&rx->done_lock);
	j->next = NULL;
	if (rx->done_tail)
		rx->done_tail->next = j;
	else
		rx->done_head = j;
	rx->done_tail = j;
	pthread_mutex_unlock(&rx->done_lock);
	uint64_t one = 1;
	if (write(rx->wake, &one, sizeof one) < 0) {
		/* the counter saturates only if never read: the loop reads it every turn */
	}
}

static void
drain_done(struct lia_receiver *rx)
{
	uint64_t v;
	if (read(rx->wake, &v, sizeof v) < 0) {
		/* EAGAIN: nothing signalled since the last read */
	}
	pthread_mutex_lock(&rx->done_lock);
	struct frame_job *j = rx->done_head;
	rx->done_head = rx->done_tail = NULL;
	pthread_mutex_unlock(&rx->done_lock);
	pthread_mutex_lock(&rx->stats_lock);
	while (j) {
		struct frame_job *next = j->next;
		answer(rx, j);
		lia_arena_free(j->in.arena);
		free(j);
		j = next;
	}
	pthread_mutex_unlock(&rx->stats_lock);
}

/* ---- frames in ---- */

/* A frame with a good CRC: parse; answer at once when no storage is involved (an
 * id we do not handle: DUH), else queue it for the committer. */
static void
take_frame(struct lia_receiver *rx, int path, const struct lia_dc09_frame *f,
	   struct conn *cn, const struct sockaddr_storage *peer, socklen_t peer_len)
{
	struct lia_alarm_path *p = &rx->paths.path[path];
	p->frames++;
	p->last_frame_at = lia_clock_now_us();
	rx->st.frames++;
	struct lia_dc09_msg m;
	if (lia_dc09_parse(f->body, f->body_len, f->crc, &m) != LIA_DC09_OK)
		return; /* unframeable: no reply at all */
	if (strcmp(m.id, "SIA-DCS") && strcmp(m.id, "ADM-CID") && strcmp(m.id, "NULL")) {
		char out[LIA_ALARM_REPLY_MAX];
		size_t n = lia_dc09_reply(LIA_DC09_DUH, &m, NULL, 0, lia_clock_now_us(), out,
					  sizeof out);
		if (n && cn)
			send_tcp(rx, cn, out, n);
		else if (n)
			sendto(rx->fds[path], out, n, MSG_DONTWAIT, (const struct sockaddr *)peer,
			       peer_len);
		if (n)
			p->duhs++;
		return;
	}
	struct addr_key *ak = cn ? cn->addr : addr_find(rx, peer);
	if (!ak || ak->inflight >= rx->cfg->alarm_inflight_per_address ||
	    rx->inflight >= MAX_INFLIGHT) {
		p->dropped++;
		rx->st.dropped++;
		return;
	}
	struct frame_job *j = lia_xcalloc(1, sizeof *j + f->body_len);
	memcpy(j->body, f->body, f->body_len);
	j->rx = rx;
	j->path = path;
	j->addr = ak;
	j->start_us = mono_us();
	if (cn) {
		j->slot = (uint32_t)(cn - rx->conns);
		j->gen = cn->gen;
	} else {
		j->udp = true;
		memcpy(&j->peer, peer, peer_len);
		j->peer_len = peer_len;
	}
	j->in = (struct lia_ingest){
		.body = j->body, .body_len = f->body_len, .crc = f->crc, .path = p->name,
		.received_at = lia_clock_now_us(), .sealing_key = rx->sealing_key,
		.touched = rx->touched, .cache = rx->cache, .arena = lia_arena_new(),
	};
	/* The ingest fails only on a store error: no savepoint of its own. */
	j->job = (struct lia_job){.fn = run_frame, .cls = j, .fails_rarely = true,
				  .prepare = lia_ingest_cache_check, .prepare_cls = rx->cache,
				  .done = job_done, .done_cls = j};
	ak->inflight++;
	rx->inflight++;
	lia_committer_submit(rx->cm, &j->job);
}

/* Scans buf[0..*len) for frames; keeps an incomplete one at the front. */
static void
scan_buffer(struct lia_receiver *rx, int path, unsigned char *buf, size_t *len, struct conn *cn,
	    const struct sockaddr_storage *peer, socklen_t peer_len)
{
	struct lia_alarm_path *p = &rx->paths.path[path];
	size_t off = 0;
	for (;;) {
		struct lia_dc09_frame f;
		size_t used = 0;
		enum lia_dc09_scan r = lia_dc09_scan(buf + off, *len - off, &f, &used);
		if (r == LIA_DC09_NEED_MORE)
			break;
		if (r == LIA_DC09_SKIP) {
			p->garbage += used;
		} else if (!f.crc_ok) {
			p->bad_crc++;
		} else {
			take_frame(rx, path, &f, cn, peer, peer_len);
			if (cn && cn->fd < 0)
				return; /* closed while answering */
			if (cn)
				cn->last_frame_ms = mono_us() / 1000;
		}
		off += used;
	}
	if (off) {
		memmove(buf, buf + off, *len - off);
		*len -= off;
	}
}

static void
read_conn(struct lia_receiver *rx, struct conn *cn)
{
	ssize_t r = recv(cn->fd, cn->buf + cn->len, CONN_BUF - cn->len, 0);
	if (r == 0 || (r < 0 && errno != EAGAIN && errno != EINTR)) {
		conn_close(rx, cn);
		return;
	}
	if (r < 0)
		return;
	cn->len += (size_t)r;
	scan_buffer(rx, cn->path, cn->buf, &cn->len, cn, NULL, 0);
	if (cn->fd < 0)
		return;
	int64_t now = mono_us() / 1000;
	cn->partial_since_ms = cn->len ? (cn->partial_since_ms ? cn->partial_since_ms : now) : 0;
}

static void
read_udp(struct lia_receiver *rx, int path)
{
	unsigned char buf[LIA_DC09_MAX_FRAME + 64];
	for (int i = 0; i < 64; i++) { /* a bounded turn: the other sockets get theirs */
		struct sockaddr_storage peer;
		socklen_t pl = sizeof peer;
		ssize_t r = recvfrom(rx->fds[path], buf, sizeof buf, MSG_DONTWAIT,
				     (struct sockaddr *)&peer, &pl);
		if (r <= 0)
			return;
		size_t len = (size_t)r;
		scan_buffer(rx, path, buf, &len, NULL, &peer, pl);
		if (len) /* a datagram holds whole frames: what is left is garbage */
			rx->paths.path[path].garbage += len;
	}
}

static void
accept_conns(struct lia_receiver *rx, int path)
{
	for (;;) {
		struct sockaddr_storage peer;
		socklen_t pl = sizeof peer;
		int fd = accept4(rx->fds[path], (struct sockaddr *)&peer, &pl,
				 SOCK_NONBLOCK | SOCK_CLOEXEC);
		if (fd < 0)
			return;
		struct conn *cn = NULL;
		for (size_t i = 0; i < rx->nconns; i++)
			if (rx->conns[i].fd < 0) {
				cn = &rx->conns[i];
				break;
			}
		struct addr_key *ak = addr_find(rx, &peer);
		if (!cn || !ak) {
			close(fd); /* full: the sender tries again, or another path */
			continue;
		}
		int one = 1;
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
		cn->fd = fd;
		cn->path = path;
		cn->addr = ak;
		cn->len = 0;
		cn->last_frame_ms = mono_us() / 1000;
		cn->partial_since_ms = 0;
		struct epoll_event ev = {.events = EPOLLIN,
					 .data.u64 = TAG(TAG_CONN, (uint64_t)(cn - rx->conns))};
		epoll_ctl(rx->ep, EPOLL_CTL_ADD, fd, &ev);
		rx->st.connections++;
	}
}

/* Slow senders: a frame begun and not finished, or a line with nothing on it. */
static void
sweep(struct lia_receiver *rx)
{
	int64_t now = mono_us() / 1000;
	for (size_t i = 0; i < rx->nconns; i++) {
		struct conn *cn = &rx->conns[i];
		if (cn->fd < 0)
			continue;
		bool slow = cn->partial_since_ms &&
			    now - cn->partial_since_ms > rx->cfg->alarm_frame_seconds * 1000;
		bool idle = now - cn->last_frame_ms > rx->cfg->alarm_idle_seconds * 1000;
		if (slow || idle)
			conn_close(rx, cn);
	}
}

static void *
loop(void *arg)
{
	struct lia_receiver *rx = arg;
	int64_t last_sweep = mono_us();
	int64_t stop_deadline = 0;
	for (;;) {
		if (rx->stopping && !stop_deadline) {
			/* Read nothing more; answers still go out until the deadline. */
			for (int i = 0; i < rx->paths.n; i++)
				epoll_ctl(rx->ep, EPOLL_CTL_DEL, rx->fds[i], NULL);
			for (size_t i = 0; i < rx->nconns; i++)
				if (rx->conns[i].fd >= 0)
					epoll_ctl(rx->ep, EPOLL_CTL_DEL, rx->conns[i].fd, NULL);
			stop_deadline = mono_us() + STOP_WAIT_MS * 1000LL;
		}
		if (stop_deadline && (rx->inflight == 0 || mono_us() > stop_deadline))
			break;
		struct epoll_event evs[64];
		int n = epoll_wait(rx->ep, evs, 64, 200);
		pthread_mutex_lock(&rx->stats_lock);
		for (int i = 0; i < n; i++) {
			uint64_t tag = evs[i].data.u64 & 0xff, idx = evs[i].data.u64 >> 8;
			if (tag == TAG_WAKE)
				continue; /* drained below */
			if (stop_deadline && tag != TAG_CONN)
				continue;
			if (tag == TAG_LISTEN)
				accept_conns(rx, (int)idx);
			else if (tag == TAG_UDP)
				read_udp(rx, (int)idx);
			else if (tag == TAG_CONN && rx->conns[idx].fd >= 0 && !stop_deadline)
				read_conn(rx, &rx->conns[idx]);
		}
		pthread_mutex_unlock(&rx->stats_lock);
		drain_done(rx);
		if (mono_us() - last_sweep > 1000000) {
			pthread_mutex_lock(&rx->stats_lock);
			sweep(rx);
			pthread_mutex_unlock(&rx->stats_lock);
			last_sweep = mono_us();
		}
	}
	return NULL;
}

/* ---- start, stop ---- */

static int
bind_path(struct lia_alarm_path *p)
{
	struct addrinfo hints = {.ai_family = AF_UNSPEC,
				 .ai_socktype = p->udp ? SOCK_DGRAM : SOCK_STREAM,
				 .ai_flags = AI_PASSIVE | AI_NUMERICSERV};
	struct addrinfo *res = NULL;
	char port[8];
	snprintf(port, sizeof port, "%u", p->port);
	const char *host = strcmp(p->host, "*") ? p->host : NULL;
	if (getaddrinfo(host, port, &hints, &res) != 0 || !res)
		return -1;
	int fd = socket(res->ai_family, res->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	int one = 1;
	if (fd >= 0)
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	if (fd < 0 || bind(fd, res->ai_addr, res->ai_addrlen) != 0 ||
	    (!p->udp && listen(fd, 512) != 0)) {
		if (fd >= 0)
			close(fd);
		freeaddrinfo(res);
		return -1;
	}
	freeaddrinfo(res);
	if (p->udp) { /* room for a burst while the loop is busy */
		int sz = 4 << 20;
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &sz, sizeof sz);
	}
	struct sockaddr_storage ss;
	socklen_t l = sizeof ss;
	getsockname(fd, (struct sockaddr *)&ss, &l);
	p->bound_port = ntohs(ss.ss_family == AF_INET6 ?
				      ((struct sockaddr_in6 *)(void *)&ss)->sin6_port :
				      ((struct sockaddr_in *)(void *)&ss)->sin_port);
	return fd;
}

static void
free_rx(struct lia_receiver *rx)
{
	for (int i = 0; i < rx->paths.n; i++)
		if (rx->fds[i] >= 0)
			close(rx->fds[i]);
	for (size_t i = 0; rx->conns && i < rx->nconns; i++) {
		if (rx->conns[i].fd >= 0)
			close(rx->conns[i].fd);
		free(rx->conns[i].buf);
	}
	free(rx->conns);
	if (rx->ep >= 0)
		close(rx->ep);
	if (rx->wake >= 0)
		close(rx->wake);
	pthread_mutex_destroy(&rx->done_lock);
	pthread_mutex_destroy(&rx->stats_lock);
	lia_touch_memo_free(rx->touched);
	lia_ingest_cache_free(rx->cache);
	free(rx);
}

struct lia_receiver *
lia_receiver_start(const struct lia_config *cfg, struct lia_committer *cm,
		   const struct lia_sealing_key *sealing_key)
{
	struct lia_receiver *rx = lia_xcalloc(1, sizeof *rx);
	rx->cfg = cfg;
	rx->cm = cm;
	rx->sealing_key = sealing_key;
	rx->touched = lia_touch_memo_new();
	rx->cache = lia_ingest_cache_new();
	rx->ep = rx->wake = -1;
	pthread_mutex_init(&rx->done_lock, NULL);
	pthread_mutex_init(&rx->stats_lock, NULL);
	const char *error = NULL;
	if (lia_alarm_paths_parse(cfg->alarm_listen, &rx->paths, &error) != 0) {
		lia_log(LIA_LOG_ERROR, "alarm.listen_invalid", "value=\"%s\" reason=\"%s\"",
			cfg->alarm_listen, error);
		rx->paths.n = 0;
		free_rx(rx);
		return NULL;
	}
	for (int i = 0; i < LIA_ALARM_MAX_PATHS; i++)
		rx->fds[i] = -1;
	rx->ep = epoll_create1(EPOLL_CLOEXEC);
	rx->wake = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	rx->nconns = cfg->alarm_max_connections > 0 ? (size_t)cfg->alarm_max_connections : 1;
	rx->conns = lia_xcalloc(rx->nconns, sizeof *rx->conns);
	for (size_t i = 0; i < rx->nconns; i++) {
		rx->conns[i].fd = -1;
		rx->conns[i].buf = lia_xmalloc(CONN_BUF);
	}
	struct epoll_event ev = {.events = EPOLLIN, .data.u64 = TAG(TAG_WAKE, 0)};
	if (rx->ep < 0 || rx->wake < 0 || epoll_ctl(rx->ep, EPOLL_CTL_ADD, rx->wake, &ev) != 0) {
		free_rx(rx);
		return NULL;
	}
	for (int i = 0; i < rx->paths.n; i++) {
		struct lia_alarm_path *p = &rx->paths.path[i];
		rx->fds[i] = bind_path(p);
		if (rx->fds[i] < 0) {
			lia_log(LIA_LOG_ERROR, "alarm.bind_failed", "path=%s %s=%s:%u errno=%d",
				p->name, p->udp ? "udp" : "tcp", p->host, p->port, errno);
			free_rx(rx);
			return NULL;
		}
		ev = (struct epoll_event){.events = EPOLLIN,
					  .data.u64 = TAG(p->udp ? TAG_UDP : TAG_LISTEN, i)};
		epoll_ctl(rx->ep, EPOLL_CTL_ADD, rx->fds[i], &ev);
		lia_log(LIA_LOG_INFO, "alarm.listening", "path=%s %s=%s:%u", p->name,
			p->udp ? "udp" : "tcp", p->host, p->bound_port);
	}
	if (pthread_create(&rx->thread, NULL, loop, rx) != 0) {
		free_rx(rx);
		return NULL;
	}
	return rx;
}

void
lia_receiver_stop(struct lia_receiver *rx)
{
	if (!rx)
		return;
	rx->stopping = true;
	uint64_t one = 1;
	if (write(rx->wake, &one, sizeof one) < 0) {
		/* the loop also wakes every 200 ms */
	}
	pthread_join(rx->thread, NULL);
	/* Jobs still in the committer (only after STOP_WAIT_MS) point at rx: wait. */
	while (rx->inflight > 0) {
		struct timespec ts = {0, 10 * 1000000};
		nanosleep(&ts, NULL);
		drain_done(rx);
	}
	free_rx(rx);
}

struct lia_alarm_paths *
lia_receiver_paths(struct lia_receiver *rx)
{
	return &rx->paths;
}

static unsigned long long
percentile(const struct lia_receiver *rx, double q)
{
	if (!rx->lat_n)
		return 0;
	unsigned long long want = (unsigned long long)(q * (double)rx->lat_n);
	if (want >= rx->lat_n)
		want = rx->lat_n - 1;
	unsigned long long seen = 0;
	for (size_t b = 0; b <= LAT_BUCKETS; b++) {
		seen += rx->lat[b];
		if (seen > want)
			return (unsigned long long)(b + 1) * LAT_BUCKET_US; /* the bucket's upper edge */
	}
	return rx->st.latency_max_us;
}

void
lia_receiver_stats(struct lia_receiver *rx, struct lia_receiver_stats *out)
{
	pthread_mutex_lock(&rx->stats_lock);
	*out = rx->st;
	out->latency_p50_us = percentile(rx, 0.50);
	out->latency_p99_us = percentile(rx, 0.99);
	pthread_mutex_unlock(&rx->stats_lock);
}
