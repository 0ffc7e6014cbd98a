/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The accounts `dc09-tool load` sends for: read from the command line or a file,
 * each with its data block, and found again by the account an ACK echoes. A
 * sorted index with binary search keeps that lookup cheap at thousands of ACKs a
 * second for as many accounts as a benchmark wants.
 */
#include "dc09_tool.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/alloc.h"

#define MAX_ACCOUNTS 1000000

static int
add(struct tool_accounts *a, const char *text, size_t len)
{
	if (a->n == MAX_ACCOUNTS) {
		fprintf(stderr, "dc09-tool load: more than %d accounts\n", MAX_ACCOUNTS);
		return -1;
	}
	/* The library checks the account (3..16 hex digits) when building. */
	a->text = lia_xrealloc(a->text, (a->n + 1) * sizeof *a->text);
	a->text[a->n++] = lia_xstrndup(text, len);
	return 0;
}

static int
read_file(struct tool_accounts *a, const char *file)
{
	FILE *f = fopen(file, "r");
	if (!f) {
		fprintf(stderr, "dc09-tool load: %s: %s\n", file, strerror(errno));
		return -1;
	}
	int rc = 0;
	char line[256];
	while (rc == 0 && fgets(line, sizeof line, f)) {
		const char *p = line + strspn(line, " \t");
		size_t n = strcspn(p, " \t\r\n#");
		if (n)
			rc = add(a, p, n);
	}
	fclose(f);
	return rc;
}

static const struct tool_accounts *sort_ctx; /* qsort has no context argument in C11 */

static int
cmp_index(const void *x, const void *y)
{
	return strcasecmp(sort_ctx->text[*(const size_t *)x], sort_ctx->text[*(const size_t *)y]);
}

int
tool_accounts_read(struct tool_accounts *a, const char *list, const char *file)
{
	if (!list == !file) {
		fprintf(stderr, "dc09-tool load: give either --accounts or --account-file\n");
		return -1;
	}
	if (file) {
		if (read_file(a, file) != 0)
			return -1;
	} else {
		for (const char *p = list; *p;) {
			size_t n = strcspn(p, ",");
			if (n && add(a, p, n) != 0)
				return -1;
			p += n + (p[n] == ',');
		}
	}
	if (a->n == 0) {
		fprintf(stderr, "dc09-tool load: no accounts\n");
		return -1;
	}
	a->sorted = lia_xcalloc(a->n, sizeof *a->sorted);
	for (size_t i = 0; i < a->n; i++)
		a->sorted[i] = i;
	sort_ctx = a;
	qsort(a->sorted, a->n, sizeof *a->sorted, cmp_index);
	for (size_t i = 1; i < a->n; i++) {
		/* Two frames with one (account, seq) could not be told apart by their ACKs. */
		if (!strcasecmp(a->text[a->sorted[i]], a->text[a->sorted[i - 1]])) {
			fprintf(stderr, "dc09-tool load: account %s given twice\n",
				a->text[a->sorted[i]]);
			return -1;
		}
	}
	return 0;
}

/* Done by hand: a template from the command line is never a printf format. */
void
tool_accounts_expand(struct tool_accounts *a, const char *tmpl)
{
	a->data = lia_xcalloc(a->n, sizeof *a->data);
	for (size_t i = 0; i < a->n; i++) {
		size_t alen = strlen(a->text[i]), cap = strlen(tmpl) + 1, n = 0;
		for (const char *p = strstr(tmpl, "%s"); p; p = strstr(p + 2, "%s"))
			cap += alen;
		char *d = lia_xmalloc(cap);
		for (const char *p = tmpl; *p;) {
			if (p[0] == '%' && p[1] == 's') {
				memcpy(d + n, a->text[i], alen);
				n += alen;
				p += 2;
			} else {
				d[n++] = *p++;
			}
		}
		d[n] = '\0';
		a->data[i] = d;
	}
}

/* The frame carries the account upper case; a receiver may echo either case. */
long
tool_accounts_find(const struct tool_accounts *a, const char *text)
{
	size_t lo = 0, hi = a->sorted ? a->n : 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcasecmp(text, a->text[a->sorted[mid]]);
		if (c == 0)
			return (long)a->sorted[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

void
tool_accounts_clear(struct tool_accounts *a)
{
	for (size_t i = 0; i < a->n; i++) {
		free(a->text[i]);
		if (a->data)
			free(a->data[i]);
	}
	free(a->text);
	free(a->data);
	free(a->sorted);
	memset(a, 0, sizeof *a);
}
