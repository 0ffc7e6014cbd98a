/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * ESPPADOM DELIVERY ("télé-déclaration d'intervention", effectivité): the month of done
 * visits that one provider (SAAD) sends to one funder (département for APA/PCH, caisse
 * de retraite), as XML (message version 1.4) and as the same lines in CSV for people.
 * Pure: the caller gathers visits, clients, grants and worker names; nothing is read or
 * written elsewhere.
 *
 * No XSD nor complete guide could be read: in esppadom.c, "ESPPADOM [READ]" tags rules
 * quoted from EDESS material (guide v1.4.1, EDESS forum), "ESPPADOM [CODE]" shapes taken
 * from a third-party generator accepted by a funder platform (compani-api, Domatel),
 * "[INFERRED]" our own reading. Check the tree against the funder's XSD before going live.
 *
 * Every error code below is about the input, never about libxml2 except
 * LIA_ESPPADOM_XML_FAILED. Error codes carry no health data, only a line index.
 */
#ifndef LIA_DOMAIN_ESPPADOM_H
#define LIA_DOMAIN_ESPPADOM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/records.h"

#define LIA_ESPPADOM_VERSION "1.4"
/* Bound on the lines of one file (one provider, one funder, one month). */
#define LIA_ESPPADOM_MAX_LINES 50000

/* The provider (SAAD) sending the file. All borrowed, all required. */
struct lia_esppadom_provider {
	const char *id;    /* the provider's identifier at the funder or its platform */
	const char *name;  /* "<company> - <establishment>" */
	const char *siret; /* 14 digits */
};

/* The funder receiving it. All borrowed, all required. */
struct lia_esppadom_funder {
	const char *code; /* apa, pch, caisse_retraite, ... (struct lia_grant.funder) */
	const char *id;   /* the funder's identifier (télétransmission id) */
	const char *name;
};

/* One done visit. All borrowed. */
struct lia_esppadom_line {
	const struct lia_visit *visit;   /* status "done", retained_end > retained_start */
	const struct lia_client *client; /* the visit's client */
	const struct lia_grant *grant;   /* the grant funding it, or NULL */
	const char *worker_id;           /* NULL: visit->worker_id; one of them required */
	const char *worker_name;         /* NULL: no PersonName */
};

/* One file. All borrowed. */
struct lia_esppadom_batch {
	struct lia_esppadom_provider provider;
	struct lia_esppadom_funder funder;
	const char *month;          /* "YYYY-MM", for the file name */
	const char *tz;             /* organisation's IANA zone: every date-time is local */
	int64_t generated_at;       /* instant of generation (IssueDateTime) */
	const char *transaction_id; /* one per file: ESPPADOM [READ] one per batch */
	const struct lia_esppadom_line *lines;
	size_t nlines;
};

enum lia_esppadom_status {
	LIA_ESPPADOM_OK = 0,
	LIA_ESPPADOM_BAD_HEADER,     /* provider, funder, month or transaction id missing or
	                                malformed (SIRET not 14 digits) */
	LIA_ESPPADOM_BAD_TZ,         /* unknown zone */
	LIA_ESPPADOM_NO_LINES,       /* XML only: a DELIVERY holds 1..n advices */
	LIA_ESPPADOM_TOO_MANY_LINES, /* more than LIA_ESPPADOM_MAX_LINES */
	LIA_ESPPADOM_BAD_LINE,       /* a line without visit, client or their ids */
	LIA_ESPPADOM_NOT_DONE,       /* a visit whose status is not "done" */
	LIA_ESPPADOM_BAD_PERIOD,     /* retained_end <= retained_start */
	LIA_ESPPADOM_NO_WORKER,      /* neither worker_id nor visit->worker_id */
	LIA_ESPPADOM_BAD_CODE,       /* correction_code not in ESPPADOM_EFFECTIVITY_AJUST */
	LIA_ESPPADOM_BAD_TEXT,       /* a string that is not valid UTF-8 */
	LIA_ESPPADOM_XML_FAILED,     /* libxml2 failed: our bug or out of memory */
};

/* Stable snake_case name of a status ("not_done", ...), for logs and error details. */
const char *lia_esppadom_status_code(enum lia_esppadom_status s);

/* Checks the batch as both writers do. On an error about a line, *bad_line (may be
 * NULL) receives its index. */
enum lia_esppadom_status lia_esppadom_check(const struct lia_esppadom_batch *b, size_t *bad_line);

/* Writes the DELIVERY XML (UTF-8, indented): root ns:delivery versionID="1.4" with one
 * ns:CrossIndustryDespatchAdvice per line, in the order given. On LIA_ESPPADOM_OK, *out
 * is a NUL-terminated malloc'd buffer of *len bytes that the caller frees with free();
 * on an error *out is NULL, *len 0, and *bad_line (may be NULL) the failing line's
 * index when the error is about a line. libxml2 must have been initialised
 * (xmlInitParser()) before threads start; this calls it too, which is then a no-op. */
enum lia_esppadom_status lia_esppadom_xml(const struct lia_esppadom_batch *b, char **out,
					  size_t *len, size_t *bad_line);

/* Writes the same lines as CSV for spreadsheets: UTF-8 with a byte-order mark (so that
 * Excel reads the accents), ';' separator, CRLF line ends, a header row, fields quoted
 * per RFC 4180 when they hold ';', '"', CR or LF. Text fields that a spreadsheet would
 * take for a formula (starting with = + - @ tab or CR) get a leading apostrophe.
 * Columns: visit id, client id, beneficiary ref, beneficiary name, date, planned start,
 * planned end, clocked in, clocked out, retained start, retained end, retained minutes,
 * correction code, worker, funder, decision ref. Dates "YYYY-MM-DD" and times "HH:MM",
 * local; the date is the retained start's. Zero lines give the header alone. Output and
 * errors as lia_esppadom_xml. */
enum lia_esppadom_status lia_esppadom_csv(const struct lia_esppadom_batch *b, char **out,
					  size_t *len, size_t *bad_line);

/* Retained minutes of one visit: retained_end - retained_start rounded half up to the
 * minute (0 when not positive). */
int64_t lia_esppadom_line_minutes(const struct lia_visit *v);

/* Sum of lia_esppadom_line_minutes over the lines (NULL visits count 0). */
int64_t lia_esppadom_total_minutes(const struct lia_esppadom_line *lines, size_t n);

/* The ESPPADOM_TYPE_AIDE product code of a funder code: apa -> APA, pch -> PCH,
 * caisse_retraite -> AM, anything else -> AUTRE. */
const char *lia_esppadom_product_code(const char *funder_code);

/* A file name stem "<provider id>-<YYYYMM>-<product>-<yyMMddHHmm>" (generation local
 * time), the convention of at least one funder platform (Domatel), not of ESPPADOM.
 * Characters of the provider id outside [A-Za-z0-9_.] become '_'. False when the
 * stem does not fit in size or the batch header is invalid. */
bool lia_esppadom_file_stem(const struct lia_esppadom_batch *b, char *out, size_t size);

#endif
