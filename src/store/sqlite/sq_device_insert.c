/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * device_insert on SQLite: a tele-alarm transmitter, stored with every column of
 * the record (the version given, 1 for a new device) and its change-feed row.
 * CONFLICT when the id or the DC-09 account exists: the receiver finds a device by
 * its account, so an account names one device only.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] =
	"INSERT INTO devices (id, org_id, client_id, account, protocol, model_id, label, "
	"key_sealed, key_format, supervision_s, active, last_seen_at, last_path, "
	"silent_alert_at, version, created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
	"?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)";

int
sq_device_insert(struct lia_conn *lc, const struct lia_device *d)
{
	struct sq_conn *c = sq_conn(lc);
	int status = sq_require_tx(c, "device_insert");
	if (status != LIA_STORE_OK)
		return status;
	sqlite3_stmt *st = sq_stmt(c, sql, "device_insert");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, d->id);
	sq_bind_text(c, st, 2, d->org_id);
	sq_bind_text(c, st, 3, d->client_id);
	sq_bind_text(c, st, 4, d->account);
	sq_bind_text(c, st, 5, d->protocol);
	sq_bind_text(c, st, 6, d->model_id);
	sq_bind_text(c, st, 7, d->label);
	sq_bind_text(c, st, 8, d->key_sealed);
	sq_bind_text(c, st, 9, d->key_format);
	sq_bind_int64(c, st, 10, d->supervision_s);
	sq_bind_int64(c, st, 11, d->active ? 1 : 0);
	sq_bind_int64(c, st, 12, d->last_seen_at);
	sq_bind_text(c, st, 13, d->last_path);
	sq_bind_int64(c, st, 14, d->silent_alert_at);
	sq_bind_int64(c, st, 15, d->version);
	sq_bind_int64(c, st, 16, d->created_at);
	sq_bind_text(c, st, 17, d->created_by);
	status = sq_step_done(c, st, "device_insert");
	if (status != LIA_STORE_OK)
		return status;
	return sq_change_append(c, d->org_id, "device", d->id, "insert", d->version);
}
