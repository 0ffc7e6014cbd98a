/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The medication side of the demo data (private to demo.c): the demo aide's first
 * clients (whose circle holds the demo doctor and nurse) get a morning and an evening
 * treatment in the pill organiser and an "as needed" painkiller, written by the
 * doctor, and the nurse has prepared this week's organiser, so that the aide can help
 * with the doses and the nurse sees the record fill up.
 */
#ifndef LIA_DOMAIN_DEMO_MEDICATION_H
#define LIA_DOMAIN_DEMO_MEDICATION_H

#include "store/store.h"

/* Inside a write transaction: the prescriptions, their due doses and the week's
 * preparations of clients[0..n), audited as demo data. */
int lia_demo_medication(struct lia_conn *c, const char *doctor, const char *nurse,
			const struct lia_client *clients, size_t n, const char *tz, int64_t now);

#endif
