/* SPDX-License-Identifier: EUPL-1.2 */
/* Thread pool for slow request work (see workq.h). */
#include "http/workq.h"

#include <pthread.h>
#include <stdlib.h>

#include "core/alloc.h"

#define MAX_THREADS 8

struct item {
	void (*fn)(void *arg);
	void *arg;
	struct item *next;
};

struct lia_workq {
	pthread_mutex_t mu;
	pthread_cond_t work, idle;
	struct item *head, *tail;
	int running;            /* items being run */
	bool closing, stopping;
	pthread_t threads[MAX_THREADS];
	int nthreads;
};

static void *
loop(void *cls)
{
	struct lia_workq *q = cls;
	pthread_mutex_lock(&q->mu);
	for (;;) {
		while (!q->head && !q->stopping)
			pthread_cond_wait(&q->work, &q->mu);
		if (!q->head)
			break;
		struct item *it = q->head;
		q->head = it->next;
		if (!q->head)
			q->tail = NULL;
		q->running++;
		pthread_mutex_unlock(&q->mu);
		it->fn(it->arg);
		free(it);
		pthread_mutex_lock(&q->mu);
		q->running--;
		if (!q->head && q->running == 0)
			pthread_cond_broadcast(&q->idle);
	}
	pthread_mutex_unlock(&q->mu);
	return NULL;
}

struct lia_workq *
lia_workq_start(int threads)
{
	struct lia_workq *q = lia_xcalloc(1, sizeof *q);
	pthread_mutex_init(&q->mu, NULL);
	pthread_cond_init(&q->work, NULL);
	pthread_cond_init(&q->idle, NULL);
	if (threads < 1)
		threads = 1;
	if (threads > MAX_THREADS)
		threads = MAX_THREADS;
	for (int i = 0; i < threads; i++)
		if (pthread_create(&q->threads[q->nthreads], NULL, loop, q) == 0)
			q->nthreads++;
	if (q->nthreads == 0) {
		free(q);
		return NULL;
	}
	return q;
}

bool
lia_workq_submit(struct lia_workq *q, void (*fn)(void *arg), void *arg)
{
	struct item *it = lia_xmalloc(sizeof *it);
	it->fn = fn;
	it->arg = arg;
	it->next = NULL;
	pthread_mutex_lock(&q->mu);
	if (q->closing) {
		pthread_mutex_unlock(&q->mu);
		free(it);
		return false;
	}
	if (q->tail)
		q->tail->next = it;
	else
		q->head = it;
	q->tail = it;
	pthread_cond_signal(&q->work);
	pthread_mutex_unlock(&q->mu);
	return true;
}

void
lia_workq_drain(struct lia_workq *q)
{
	pthread_mutex_lock(&q->mu);
	q->closing = true;
	while (q->head || q->running)
		pthread_cond_wait(&q->idle, &q->mu);
	pthread_mutex_unlock(&q->mu);
}

void
lia_workq_stop(struct lia_workq *q)
{
	if (!q)
		return;
	lia_workq_drain(q);
	pthread_mutex_lock(&q->mu);
	q->stopping = true;
	pthread_cond_broadcast(&q->work);
	pthread_mutex_unlock(&q->mu);
	for (int i = 0; i < q->nthreads; i++)
		pthread_join(q->threads[i], NULL);
	pthread_mutex_destroy(&q->mu);
	pthread_cond_destroy(&q->work);
	pthread_cond_destroy(&q->idle);
	free(q);
}
