/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * device_code_lookup on SQLite: the alarm type a device model gives to a received
 * (protocol, code). The mapping is data (device_codes): the model's own row wins,
 * else the "generic" model's; NOT_FOUND when neither maps the code (the event is
 * kept with no type). Both candidate rows are found by primary key
 * (model_id, protocol, code); the model's own sorts first.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] =
	"SELECT " SQ_ALARM_TYPE_COLS " FROM device_codes dc "
	"JOIN alarm_types t ON t.type = dc.alarm_type "
	"WHERE dc.model_id IN (?1, 'generic') AND dc.protocol = ?2 AND dc.code = ?3 "
	"ORDER BY dc.model_id = 'generic' LIMIT 1";

int
sq_device_code_lookup(struct lia_conn *lc, struct lia_arena *a, const char *model_id,
		      const char *protocol, const char *code, struct lia_alarm_type *out)
{
	struct sq_conn *c = sq_conn(lc);
	sqlite3_stmt *st = sq_stmt(c, sql, "device_code_lookup");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, model_id);
	sq_bind_text(c, st, 2, protocol);
	sq_bind_text(c, st, 3, code);
	int rc = sq_step(c, st);
	int status = LIA_STORE_OK;
	if (rc == SQLITE_ROW)
		sq_alarm_type_read(st, a, out);
	else
		status = rc == SQLITE_DONE ? LIA_STORE_NOT_FOUND :
					     sq_status(c, rc, "device_code_lookup");
	sq_reset(st);
	return status;
}
