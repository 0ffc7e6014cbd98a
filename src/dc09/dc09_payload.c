/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * What an alarm message says: the payload of the data block, read as Contact ID
 * (ADM-CID) or as SIA-DCS. Only the first event is taken: tele-alarm devices send
 * one event per message, and the receiver maps (protocol, code) to an alarm type
 * per device model, so nothing here knows what a code means.
 */
#include <string.h>

#include "dc09/dc09_internal.h"

static bool
alnum(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

void
lia_dc09_payload(const struct lia_dc09_msg *m, const char **p, size_t *n)
{
	if (!m->data) {
		*p = "";
		*n = 0;
		return;
	}
	/* "#acct|p", "acct|p", "|p" (decrypted, or account omitted) or "p". */
	const char *bar = memchr(m->data, '|', m->data_len);
	const char *start = bar ? bar + 1 : m->data;
	*p = start;
	*n = m->data_len - (size_t)(start - m->data);
}

/* width hex digits at p[*i..n), upper-cased into out. */
static bool
hex_group(const char *p, size_t n, size_t *i, size_t width, char *out)
{
	if (n - *i < width)
		return false;
	for (size_t k = 0; k < width; k++) {
		char c = p[*i + k];
		if (lia_dc09_hexval((unsigned char)c) < 0)
			return false;
		out[k] = lia_dc09_upper(c);
	}
	out[width] = '\0';
	*i += width;
	return true;
}

int
lia_dc09_cid_parse(const char *p, size_t n, struct lia_dc09_event *ev)
{
	/* Contact ID (SIA DC-05): Q EEE GG ZZZ; some panels send the 0 digit as
	 * hex A, hence hex digits everywhere after the qualifier. */
	struct lia_dc09_event e = {.protocol = 'C'};
	if (n < 1 || (p[0] != '1' && p[0] != '3' && p[0] != '6'))
		return -1;
	e.qualifier = p[0];
	size_t i = 1;
	if (!hex_group(p, n, &i, 3, e.code))
		return -1;
	if (i < n && p[i] == ' ')
		i++;
	if (!hex_group(p, n, &i, 2, e.group))
		return -1;
	if (i < n && p[i] == ' ')
		i++;
	if (!hex_group(p, n, &i, 3, e.zone))
		return -1;
	if (i != n)
		return -1;
	*ev = e;
	return 0;
}

/* A modifier's value: lo..hi letters and digits. */
static bool
copy_value(const char *v, size_t len, size_t lo, size_t hi, char *out)
{
	if (len < lo || len > hi)
		return false;
	for (size_t k = 0; k < len; k++) {
		if (!alnum(v[k]))
			return false;
		out[k] = v[k];
	}
	out[len] = '\0';
	return true;
}

static bool
hhmm(const char *v, size_t len)
{
	return len == 5 && v[0] >= '0' && v[0] <= '2' && v[1] >= '0' && v[1] <= '9' &&
	       v[2] == ':' && v[3] >= '0' && v[3] <= '5' && v[4] >= '0' && v[4] <= '9';
}

int
lia_dc09_sia_parse(const char *p, size_t n, struct lia_dc09_event *ev)
{
	/* SIA DC-03 data as carried by SIA-DCS: "N", lower-case modifiers each
	 * ended by '/', then an upper-case 2-letter code and its zone. */
	struct lia_dc09_event e = {.protocol = 'S'};
	if (n < 1 || p[0] != 'N')
		return -1;
	e.qualifier = 'N';
	size_t i = 1;
	while (n - i >= 2 && p[i] >= 'a' && p[i] <= 'z' && p[i + 1] >= 'a' && p[i + 1] <= 'z') {
		const char *v = p + i + 2;
		const char *slash = memchr(v, '/', n - i - 2);
		if (!slash)
			return -1;
		size_t len = (size_t)(slash - v);
		bool ok = true;
		if (p[i] == 'r' && p[i + 1] == 'i')
			ok = copy_value(v, len, 1, sizeof e.group - 1, e.group);
		else if (p[i] == 'i' && p[i + 1] == 'd')
			ok = copy_value(v, len, 1, sizeof e.user - 1, e.user);
		else if (p[i] == 't' && p[i + 1] == 'i')
			ok = hhmm(v, len);
		/* other modifiers (date, peripheral, ...) are skipped */
		if (!ok)
			return -1;
		i = (size_t)(slash - p) + 1;
	}
	if (n - i < 2 || p[i] < 'A' || p[i] > 'Z' || p[i + 1] < 'A' || p[i + 1] > 'Z')
		return -1;
	e.code[0] = p[i];
	e.code[1] = p[i + 1];
	i += 2;
	size_t z = 0;
	while (i < n && alnum(p[i])) {
		if (z == sizeof e.zone - 1)
			return -1;
		e.zone[z++] = p[i++];
	}
	/* Then the end, the next event after '/', or '^'-delimited text. */
	if (i < n && p[i] != '/' && p[i] != '^')
		return -1;
	*ev = e;
	return 0;
}
