/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Who sees which notebook entry: the access decision per category, narrowed by the
 * entry's audience (all, care_team, health), and the JSON shape of an entry.
 */
#ifndef LIA_HTTP_ENTRY_VIEW_H
#define LIA_HTTP_ENTRY_VIEW_H

#include "http/handlers/names.h"
#include "http/request.h"

struct lia_entry_view {
	struct lia_decision cat[LIA_CAT_ACCESS_LOG]; /* read decisions per category */
	const char *reader;                          /* the reader's account id */
	const char *last_read_id;                    /* marker before this request, or NULL */
	const struct lia_ack *acks;
	size_t nacks;
	struct lia_names names;
};

/* Asks the four read decisions (without auditing them). */
void lia_entry_view_init(struct lia_req *r, const struct lia_subject *s,
			 struct lia_entry_view *v);
/* True when the reader may see e (category and audience). */
bool lia_entry_visible(const struct lia_entry_view *v, const struct lia_entry *e);
/* True when e is newer than the reader's marker and written by someone else. */
bool lia_entry_unread(const struct lia_entry_view *v, const struct lia_entry *e);
/* True when e is urgent, in force (not corrected), by someone else, and not yet
 * acknowledged by this reader, who reads it as a professional. */
bool lia_entry_needs_ack(const struct lia_entry_view *v, const struct lia_entry *e);
/* atts: the entry's attachments (without content), natts of them. */
cJSON *lia_entry_json(struct lia_req *r, struct lia_entry_view *v, const struct lia_entry *e,
		      const struct lia_attachment *atts, size_t natts);
/* Same, reading the attachments with the request's connection. */
cJSON *lia_entry_json_read(struct lia_req *r, struct lia_entry_view *v, const struct lia_entry *e);

#endif
