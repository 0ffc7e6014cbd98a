/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The emergency liaison file (DLU, HAS 2015 model; content per the ANS CI-SIS volet
 * DLU-EHPAD) of a client as one JSON view, for print: the DLU itself, built from the
 * client record (identity, care circle, active prescriptions, open alerts) and the
 * client's DLU fields (domain/dlu.h), and the transfer sheet to the emergency
 * department (a recorded transfer, or a sheet to fill in by hand with the last doses
 * given already printed). Sections the reader may not read are left out and said so.
 */
#ifndef LIA_EXPORT_DLU_VIEW_H
#define LIA_EXPORT_DLU_VIEW_H

#include <stdint.h>

#include <cjson/cJSON.h>

#include "core/arena.h"
#include "export/record_view.h"
#include "store/store.h"

/* Builds the DLU view of client cl as seen by rd, at instant now in zone tz.
 * transfer: a recorded transfer to print on the transfer sheet, or NULL for a blank
 * one. Returns a store status (a client without DLU fields gets the DLU built from
 * the rest of the record, with the missing fields shown empty); *out is a new tree. */
int lia_dlu_view(struct lia_conn *c, struct lia_arena *a, const struct lia_client *cl,
		 const struct lia_subject *s, const struct lia_reader *rd,
		 const struct lia_transfer *transfer, int64_t now, const char *tz, cJSON **out);

#endif
