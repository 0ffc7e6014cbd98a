/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * device_code_lookup on PostgreSQL: the alarm type a device model gives to a received
 * code, joining device_codes with alarm_types. The model's own mapping wins over the
 * "generic" model's, so a model lists only the codes where it differs from the
 * standard ones: both candidates are read in one statement and the model's own row
 * sorts first.
 */
#include "pg_internal.h"

int
pg_device_code_lookup(struct lia_conn *c, struct lia_arena *a, const char *model_id,
		      const char *protocol, const char *code, struct lia_alarm_type *out)
{
	const char *p[] = {model_id, protocol, code};
	PGresult *r;
	int st = pg_exec(pg_of(c), "device_code_lookup",
			 "SELECT " PG_ALARM_TYPE_COLS " FROM device_codes dc "
			 "JOIN alarm_types t ON t.type = dc.alarm_type "
			 "WHERE dc.model_id IN ($1, 'generic') AND dc.protocol = $2 "
			 "AND dc.code = $3 ORDER BY dc.model_id = 'generic' LIMIT 1",
			 3, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	if (PQntuples(r) == 0)
		st = LIA_STORE_NOT_FOUND;
	else
		pg_alarm_type_read(a, r, 0, out);
	PQclear(r);
	return st;
}
