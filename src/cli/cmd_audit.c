/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * `liaison audit verify`: walks the whole journal, recomputes every hash, and names
 * the first entry that was edited, deleted, inserted or moved. Streams: memory does
 * not grow with the journal.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "store/audit_chain.h"

struct walk {
	int64_t expected_seq;
	char prev[LIA_HASH_HEX_LEN + 1];
	int64_t bad_seq;
	const char *why;
};

static int
check(const struct lia_audit_entry *e, void *cls)
{
	struct walk *w = cls;
	char h[LIA_HASH_HEX_LEN + 1];
	if (e->seq != w->expected_seq) {
		w->why = e->seq > w->expected_seq ? "entries are missing before it (deleted)"
						  : "it is out of order (reordered or inserted)";
	} else if (strcmp(e->prev_hash, w->prev) != 0) {
		w->why = "its link to the previous entry is broken (an earlier entry was removed, "
			 "moved or rewritten)";
	} else {
		lia_audit_hash(e, h);
		if (strcmp(h, e->hash) != 0)
			w->why = "its content does not match its hash (edited)";
	}
	if (w->why) {
		w->bad_seq = e->seq;
		return 1;
	}
	memcpy(w->prev, e->hash, sizeof w->prev);
	w->expected_seq++;
	return 0;
}

int
lia_cmd_audit(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "verify") != 0 || lia_arg_help(argc, argv)) {
		printf("Usage: liaison audit verify [--data-dir DIR] [--database URL]\n\n"
		       "Checks the hash chain of the audit journal from the first entry to the\n"
		       "recorded head. Exit status 0 when intact, 1 naming the first bad entry.\n\n");
		lia_config_print_help(stdout);
		return argc >= 2 && lia_arg_help(argc, argv) ? 0 : 2;
	}
	argc--;
	argv++;
	struct lia_config cfg;
	struct lia_conn *c;
	int rc = lia_cli_open(argc, argv, &cfg, &c);
	if (rc)
		return rc;
	struct walk w = {.expected_seq = 1};
	memcpy(w.prev, LIA_AUDIT_GENESIS, sizeof w.prev);
	int st = c->ops->audit_scan(c, 0, check, &w);
	int64_t head_seq = 0;
	char head_hash[LIA_HASH_HEX_LEN + 1] = "";
	if (st == LIA_STORE_OK && !w.why)
		st = c->ops->audit_head(c, &head_seq, head_hash);
	if (st != LIA_STORE_OK) {
		fprintf(stderr, "audit verify: cannot read the journal (%s)\n", lia_store_status_name(st));
		rc = 1;
	} else if (w.why) {
		printf("audit verify: FAILED at entry %lld: %s\n", (long long)w.bad_seq, w.why);
		rc = 1;
	} else if (head_seq != w.expected_seq - 1 || strcmp(head_hash, w.prev) != 0) {
		printf("audit verify: FAILED: the journal ends at entry %lld but the recorded head is "
		       "entry %lld (entries were removed from the end)\n",
		       (long long)(w.expected_seq - 1), (long long)head_seq);
		rc = 1;
	} else {
		printf("audit verify: OK, %lld entries, chain intact, head %s\n",
		       (long long)head_seq, head_hash);
	}
	c->ops->conn_close(c);
	lia_config_clear(&cfg);
	return rc;
}
