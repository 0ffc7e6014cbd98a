/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The emergency liaison file of the demo data (private to demo.c): the demo aide's
 * first clients get a filled-in DLU (médecin traitant, personne de confiance,
 * allergies, a multi-resistant bacteria carrier, advance directives, functional
 * observations, annexed documents...), written by the demo nurse, so that the DLU
 * and its PDF show something real from the first login.
 */
#ifndef LIA_DOMAIN_DEMO_DLU_H
#define LIA_DOMAIN_DEMO_DLU_H

#include "store/store.h"

/* Inside a write transaction: the DLU of clients[0..n), audited as demo data. */
int lia_demo_dlu(struct lia_conn *c, const char *nurse, const struct lia_client *clients, size_t n,
		 int64_t now);

#endif
