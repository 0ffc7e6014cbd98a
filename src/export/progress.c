/* SPDX-License-Identifier: EUPL-1.2 */
/* Progress of a bundle run on the terminal (progress.h). */
#include "export/progress.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/alloc.h"
#include "core/clock.h"

struct lia_progress_view {
	const struct lia_bundle_progress *p;
	FILE *out;
	bool tty;
	int last_tenth; /* non-tty: the last tenth printed */
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	bool stop;
};

/* 12345 → "12 345" (the French way, with an ordinary space for every terminal). */
static void
grouped(int64_t v, char *out, size_t size)
{
	char digits[32];
	snprintf(digits, sizeof digits, "%lld", (long long)(v < 0 ? 0 : v));
	size_t n = strlen(digits), o = 0;
	for (size_t i = 0; i < n && o + 2 < size; i++) {
		if (i && (n - i) % 3 == 0)
			out[o++] = ' ';
		out[o++] = digits[i];
	}
	out[o] = '\0';
}

void
lia_progress_format(char *buf, size_t size, int64_t done, int64_t total, double seconds, int width)
{
	char bar[128];
	if (width > (int)sizeof bar - 1)
		width = (int)sizeof bar - 1;
	int filled = total > 0 ? (int)(done * width / total) : 0;
	for (int i = 0; i < width; i++)
		bar[i] = i < filled ? '#' : '-';
	bar[width] = '\0';
	char d[32], t[32];
	grouped(done, d, sizeof d);
	grouped(total, t, sizeof t);
	int pct = total > 0 ? (int)(done * 100 / total) : 0;
	double rate = seconds > 0 ? (double)done / seconds : 0;
	char left[32] = "";
	if (rate > 0 && total >= done)
		snprintf(left, sizeof left, "  ~%.0f s", (double)(total - done) / rate);
	snprintf(buf, size, "[%s] %s/%s  %d %%  %.0f/s%s", bar, d, t, pct, rate, left);
}

static void
draw(struct lia_progress_view *v, bool final)
{
	int64_t total = atomic_load(&v->p->total), done = atomic_load(&v->p->done);
	int64_t started = atomic_load(&v->p->started_at);
	if (!started)
		return;
	double secs = (double)(lia_clock_now_us() - started) / 1e6;
	char line[256];
	lia_progress_format(line, sizeof line, done, total, secs, 30);
	if (v->tty) {
		fprintf(v->out, "\r%s\033[K%s", line, final ? "\n" : "");
	} else {
		int tenth = total > 0 ? (int)(done * 10 / total) : 0;
		if (total > 0 &&
		    (tenth > v->last_tenth || (final && done == total && v->last_tenth < 10))) {
			fprintf(v->out, "%s\n", line);
			v->last_tenth = tenth;
		}
	}
	fflush(v->out);
}

static void *
loop(void *cls)
{
	struct lia_progress_view *v = cls;
	pthread_mutex_lock(&v->lock);
	while (!v->stop) {
		draw(v, false);
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += 200 * 1000000L;
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&v->cond, &v->lock, &ts);
	}
	pthread_mutex_unlock(&v->lock);
	return NULL;
}

struct lia_progress_view *
lia_progress_start(const struct lia_bundle_progress *p, FILE *out, bool tty)
{
	struct lia_progress_view *v = lia_xcalloc(1, sizeof *v);
	v->p = p;
	v->out = out;
	v->tty = tty;
	pthread_mutex_init(&v->lock, NULL);
	pthread_cond_init(&v->cond, NULL);
	if (pthread_create(&v->thread, NULL, loop, v) != 0) {
		pthread_mutex_destroy(&v->lock);
		pthread_cond_destroy(&v->cond);
		free(v);
		return NULL;
	}
	return v;
}

void
lia_progress_stop(struct lia_progress_view *v)
{
	if (!v)
		return;
	pthread_mutex_lock(&v->lock);
	v->stop = true;
	pthread_cond_signal(&v->cond);
	pthread_mutex_unlock(&v->lock);
	pthread_join(v->thread, NULL);
	draw(v, true);
	pthread_mutex_destroy(&v->lock);
	pthread_cond_destroy(&v->cond);
	free(v);
}
