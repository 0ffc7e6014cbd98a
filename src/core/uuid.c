/* SPDX-License-Identifier: EUPL-1.2 */
/* UUIDv7 generation and syntax check (RFC 9562 section 5.7). */
#include "core/uuid.h"

#include <pthread.h>
#include <sodium.h>
#include <string.h>

#include "core/clock.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int64_t last_ms;
static uint16_t last_seq;

static void
format(const uint8_t b[16], char out[LIA_UUID_STRLEN + 1])
{
	static const char hex[] = "0123456789abcdef";
	size_t o = 0;
	for (int i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			out[o++] = '-';
		out[o++] = hex[b[i] >> 4];
		out[o++] = hex[b[i] & 15];
	}
	out[o] = '\0';
}

void
lia_uuid7_at(int64_t ms, char out[LIA_UUID_STRLEN + 1])
{
	uint8_t b[16];
	randombytes_buf(b, sizeof b);
	/* RFC 9562 6.2 method 1: a 12-bit counter in rand_a keeps ids made in the
	 * same millisecond in order; the clock going backwards reuses the last ms. */
	pthread_mutex_lock(&lock);
	if (ms <= last_ms) {
		ms = last_ms;
		if (++last_seq > 0x0fff) {
			ms = ++last_ms;
			last_seq = 0;
		}
	} else {
		last_ms = ms;
		last_seq = b[6] & 0x03; /* random start, room to count up */
	}
	uint16_t seq = last_seq;
	pthread_mutex_unlock(&lock);

	for (int i = 0; i < 6; i++)
		b[i] = (uint8_t)((uint64_t)ms >> (40 - 8 * i));
	b[6] = (uint8_t)(0x70 | ((seq >> 8) & 0x0f));
	b[7] = (uint8_t)(seq & 0xff);
	b[8] = (uint8_t)(0x80 | (b[8] & 0x3f));
	format(b, out);
}

void
lia_uuid7(char out[LIA_UUID_STRLEN + 1])
{
	lia_uuid7_at(lia_clock_now_us() / 1000, out);
}

bool
lia_uuid_valid(const char *s)
{
	if (!s || strlen(s) != LIA_UUID_STRLEN)
		return false;
	for (int i = 0; i < LIA_UUID_STRLEN; i++) {
		char c = s[i];
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (c != '-')
				return false;
		} else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
			     (c >= 'A' && c <= 'F'))) {
			return false;
		}
	}
	return true;
}
