/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * ESPPADOM DELIVERY writer (see esppadom.h). The element tree follows the UN/CEFACT
 * CrossIndustryDespatchAdvice (D09B) profile that ESPPADOM 1.4 uses, in the order a
 * generator known to be accepted by a funder platform emits it; text goes through
 * libxml2's writer, which does the escaping. Sources:
 *   EDESS, Guide d'implémentation ESPPADOM v1.4.1 (2017), first page only;
 *   EDESS forum "DELIVERY : les motifs de correction" (list ESPPADOM_EFFECTIVITY_AJUST and
 *   the CISupplyChainEventType fragment), "Liste ESPPADOM_PREST", "Rubrique contexte
 *   général" (transaction vs document numbers);
 *   sophiemoustard/compani-api src/helpers/delivery.js (element tree, list attributes).
 */
#include "domain/esppadom.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlwriter.h>

#include "core/alloc.h"
#include "core/clock.h"
#include "core/utf8.h"
#include "domain/localtime.h"

/* ESPPADOM [CODE]: the namespaces of the root element. */
#define NS_NS "urn:un:unece:uncefact:data:standard:CrossIndustryDespatchAdvice:2"
#define NS_RAM "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:8"
#define NS_QDT "urn:un:unece:uncefact:data:standard:QualifiedDataType:8"
#define NS_PIE "urn:un:unece:uncefact:data:standard:PersonInformationEntity:1"

#define EDESS "EDESS"

/* libxml2 takes const xmlChar * (unsigned char); our text is UTF-8 char. */
#define XC(s) ((const xmlChar *)(s))

const char *
lia_esppadom_status_code(enum lia_esppadom_status s)
{
	switch (s) {
	case LIA_ESPPADOM_OK:
		return "ok";
	case LIA_ESPPADOM_BAD_HEADER:
		return "bad_header";
	case LIA_ESPPADOM_BAD_TZ:
		return "bad_tz";
	case LIA_ESPPADOM_NO_LINES:
		return "no_lines";
	case LIA_ESPPADOM_TOO_MANY_LINES:
		return "too_many_lines";
	case LIA_ESPPADOM_BAD_LINE:
		return "bad_line";
	case LIA_ESPPADOM_NOT_DONE:
		return "not_done";
	case LIA_ESPPADOM_BAD_PERIOD:
		return "bad_period";
	case LIA_ESPPADOM_NO_WORKER:
		return "no_worker";
	case LIA_ESPPADOM_BAD_CODE:
		return "bad_correction_code";
	case LIA_ESPPADOM_BAD_TEXT:
		return "bad_text";
	case LIA_ESPPADOM_XML_FAILED:
		return "xml_failed";
	}
	return "unknown";
}

const char *
lia_esppadom_product_code(const char *funder_code)
{
	/* ESPPADOM [READ] APA is in list ESPPADOM_TYPE_AIDE; [CODE] PCH and AM (caisses de
	 * retraite, "aide ménagère") are what compani-api sends. AUTRE is ours. */
	if (!funder_code)
		return "AUTRE";
	if (strcmp(funder_code, "apa") == 0)
		return "APA";
	if (strcmp(funder_code, "pch") == 0)
		return "PCH";
	if (strcmp(funder_code, "caisse_retraite") == 0)
		return "AM";
	return "AUTRE";
}

int64_t
lia_esppadom_line_minutes(const struct lia_visit *v)
{
	int64_t d = v->retained_end - v->retained_start;
	return d > 0 ? (d + LIA_MINUTE_US / 2) / LIA_MINUTE_US : 0;
}

int64_t
lia_esppadom_total_minutes(const struct lia_esppadom_line *lines, size_t n)
{
	int64_t sum = 0;
	for (size_t i = 0; i < n; i++)
		if (lines[i].visit)
			sum += lia_esppadom_line_minutes(lines[i].visit);
	return sum;
}

/* ---- checks ---- */

static bool
present(const char *s)
{
	return s && *s;
}

static bool
text_ok(const char *s)
{
	return !s || lia_utf8_valid(s, strlen(s));
}

static bool
month_ok(const char *m)
{
	if (!m || strlen(m) != 7 || m[4] != '-')
		return false;
	for (int i = 0; i < 7; i++)
		if (i != 4 && (m[i] < '0' || m[i] > '9'))
			return false;
	int mm = (m[5] - '0') * 10 + (m[6] - '0');
	return mm >= 1 && mm <= 12;
}

static bool
siret_ok(const char *s)
{
	if (!s || strlen(s) != 14)
		return false;
	for (int i = 0; i < 14; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* ESPPADOM [READ] list ESPPADOM_EFFECTIVITY_AJUST, as quoted on the EDESS forum. */
static bool
correction_code_ok(const char *c)
{
	static const char *const codes[] = {"CRE", "MDT", "SUP", "COA", "COD", "CO2", "HOR"};
	for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
		if (strcmp(c, codes[i]) == 0)
			return true;
	return false;
}

static const char *
worker_id(const struct lia_esppadom_line *l)
{
	return present(l->worker_id) ? l->worker_id : l->visit->worker_id;
}

static enum lia_esppadom_status
check_header(const struct lia_esppadom_batch *b)
{
	const struct lia_esppadom_provider *p = &b->provider;
	const struct lia_esppadom_funder *f = &b->funder;
	if (!present(p->id) || !present(p->name) || !siret_ok(p->siret) || !present(f->code) ||
	    !present(f->id) || !present(f->name) || !present(b->transaction_id) ||
	    !month_ok(b->month))
		return LIA_ESPPADOM_BAD_HEADER;
	if (!text_ok(p->id) || !text_ok(p->name) || !text_ok(f->code) || !text_ok(f->id) ||
	    !text_ok(f->name) || !text_ok(b->transaction_id))
		return LIA_ESPPADOM_BAD_TEXT;
	if (!present(b->tz) || !lia_tz_valid(b->tz))
		return LIA_ESPPADOM_BAD_TZ;
	if (b->nlines > LIA_ESPPADOM_MAX_LINES)
		return LIA_ESPPADOM_TOO_MANY_LINES;
	if (b->nlines && !b->lines)
		return LIA_ESPPADOM_BAD_LINE;
	return LIA_ESPPADOM_OK;
}

static enum lia_esppadom_status
check_line(const struct lia_esppadom_line *l)
{
	const struct lia_visit *v = l->visit;
	const struct lia_client *c = l->client;
	if (!v || !c || !present(v->id) || !present(c->id))
		return LIA_ESPPADOM_BAD_LINE;
	if (!v->status || strcmp(v->status, "done") != 0)
		return LIA_ESPPADOM_NOT_DONE;
	if (v->retained_end <= v->retained_start)
		return LIA_ESPPADOM_BAD_PERIOD;
	if (!present(worker_id(l)))
		return LIA_ESPPADOM_NO_WORKER;
	if (v->correction_code && *v->correction_code && !correction_code_ok(v->correction_code))
		return LIA_ESPPADOM_BAD_CODE;
	const char *texts[] = {
		v->id,
		v->label,
		v->type,
		c->id,
		c->birth_name,
		c->first_given_name,
		c->used_name,
		c->used_given_name,
		c->birth_date,
		c->address_line,
		c->postal_code,
		c->city,
		l->worker_id,
		l->worker_name,
		v->worker_id,
		l->grant ? l->grant->beneficiary_ref : NULL,
		l->grant ? l->grant->decision_ref : NULL,
	};
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
		if (!text_ok(texts[i]))
			return LIA_ESPPADOM_BAD_TEXT;
	return LIA_ESPPADOM_OK;
}

enum lia_esppadom_status
lia_esppadom_check(const struct lia_esppadom_batch *b, size_t *bad_line)
{
	enum lia_esppadom_status st = check_header(b);
	if (st != LIA_ESPPADOM_OK)
		return st;
	for (size_t i = 0; i < b->nlines; i++) {
		st = check_line(&b->lines[i]);
		if (st != LIA_ESPPADOM_OK) {
			if (bad_line)
				*bad_line = i;
			return st;
		}
	}
	return LIA_ESPPADOM_OK;
}

/* ---- shared by both writers ---- */

/* "YYYY-MM-DDTHH:MM:SS", local, no offset: ESPPADOM [CODE] local date-times truncated to
 * 19 characters. The zone was checked, so formatting cannot fail on it. */
static bool
local_datetime(const char *tz, int64_t us, char out[20])
{
	char date[11], time[9];
	if (!lia_local_format(tz, us, date, time))
		return false;
	snprintf(out, 20, "%sT%s", date, time);
	return true;
}

/* The beneficiary's usual display: given name then family name, the used ones when
 * known (RNIV: the birth name stays the reference, it goes in LastName). */
static const char *
display_given(const struct lia_client *c)
{
	return present(c->used_given_name) ? c->used_given_name : c->first_given_name;
}

static const char *
display_family(const struct lia_client *c)
{
	return present(c->used_name) ? c->used_name : c->birth_name;
}

static const char *
beneficiary_id(const struct lia_esppadom_line *l)
{
	/* ESPPADOM [READ] forum 104: DELIVERY carries the funder's own ids. */
	if (l->grant && present(l->grant->beneficiary_ref))
		return l->grant->beneficiary_ref;
	return l->client->id;
}

/* ---- XML ---- */

struct xw {
	xmlTextWriterPtr w;
	bool failed;
	char *scratch; /* sanitised copy of the last text, freed at the end */
};

static void
xstart(struct xw *x, const char *name)
{
	if (!x->failed && xmlTextWriterStartElement(x->w, XC(name)) < 0)
		x->failed = true;
}

static void
xend(struct xw *x)
{
	if (!x->failed && xmlTextWriterEndElement(x->w) < 0)
		x->failed = true;
}

static void
xattr(struct xw *x, const char *name, const char *value)
{
	if (!x->failed && xmlTextWriterWriteAttribute(x->w, XC(name), XC(value)) < 0)
		x->failed = true;
}

/* XML 1.0 forbids most C0 controls and U+FFFE/U+FFFF even as references; the writer
 * would copy them through and make the file unreadable. They become spaces. Input is
 * valid UTF-8 (checked), so U+FFFE/U+FFFF are exactly EF BF BE / EF BF BF. */
static const char *
xml_safe(struct xw *x, const char *s)
{
	bool clean = true;
	for (const unsigned char *p = (const unsigned char *)s; *p && clean; p++)
		if ((*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r') ||
		    (p[0] == 0xEF && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF)))
			clean = false;
	if (clean)
		return s;
	free(x->scratch);
	size_t n = strlen(s);
	x->scratch = lia_xmalloc(n + 1);
	size_t j = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') {
			x->scratch[j++] = ' ';
		} else if (ch == 0xEF && i + 2 < n && (unsigned char)s[i + 1] == 0xBF &&
			   ((unsigned char)s[i + 2] == 0xBE || (unsigned char)s[i + 2] == 0xBF)) {
			x->scratch[j++] = ' ';
			i += 2;
		} else {
			x->scratch[j++] = (char)ch;
		}
	}
	x->scratch[j] = '\0';
	return x->scratch;
}

static void
xtext(struct xw *x, const char *s)
{
	if (!x->failed && s && xmlTextWriterWriteString(x->w, XC(xml_safe(x, s))) < 0)
		x->failed = true;
}

static void
xleaf(struct xw *x, const char *name, const char *value)
{
	xstart(x, name);
	xtext(x, value);
	xend(x);
}

/* An identifier of a party: ESPPADOM [CODE] scheme "token" on both attributes. */
static void
xid(struct xw *x, const char *name, const char *value)
{
	xstart(x, name);
	xattr(x, "schemeAgencyName", "token");
	xattr(x, "schemeID", "token");
	xtext(x, value);
	xend(x);
}

/* A code from an EDESS list. */
static void
xcode(struct xw *x, const char *name, const char *list, const char *value)
{
	xstart(x, name);
	xattr(x, "listAgencyName", EDESS);
	xattr(x, "listID", list);
	xtext(x, value);
	xend(x);
}

static void
xdatetime(struct xw *x, const char *name, const char *tz, int64_t us)
{
	char dt[20];
	if (!local_datetime(tz, us, dt)) {
		x->failed = true;
		return;
	}
	xleaf(x, name, dt);
}

/* ESPPADOM [CODE] list ESPPADOM_TIMESTAMP_METHOD: only BDG (badge) is known. Our NFC tag
 * and QR code at the home are badges the worker presents there, so they map to BDG on
 * both sides (the beneficiary's home identifies, the worker's phone reads). For "app"
 * (geolocated check-in), "manual" (entered by a coordinator) or none, the list value is
 * unknown [NOT FOUND]; the method elements are left out rather than a code invented. */
static const char *
timestamp_method(const char *method)
{
	if (method && (strcmp(method, "nfc") == 0 || strcmp(method, "qr") == 0))
		return "BDG";
	return NULL;
}

static void
xclocked_end(struct xw *x, const char *name, const char *tz, int64_t at, const char *method)
{
	xstart(x, name);
	xdatetime(x, "ram:CertifiedDateTime", tz, at);
	const char *code = timestamp_method(method);
	if (code) {
		xcode(x, "ram:CustomerIdentificationMethod", "ESPPADOM_TIMESTAMP_METHOD", code);
		xcode(x, "ram:SupplierIdentificationMethod", "ESPPADOM_TIMESTAMP_METHOD", code);
	}
	xend(x);
}

static void
xbeneficiary(struct xw *x, const struct lia_esppadom_line *l)
{
	const struct lia_client *c = l->client;
	xstart(x, "ram:ShipToCITradeParty");
	xid(x, "pie:ID", beneficiary_id(l));
	xstart(x, "pie:Name");
	if (present(display_given(c))) {
		xtext(x, display_given(c));
		xtext(x, " ");
	}
	xtext(x, display_family(c));
	xend(x);
	if (present(c->first_given_name))
		xleaf(x, "pie:FirstName", c->first_given_name);
	if (present(c->birth_name))
		xleaf(x, "pie:LastName", c->birth_name);
	if (c->birth_date && lia_date_valid(c->birth_date)) {
		char bd[20];
		snprintf(bd, sizeof bd, "%sT00:00:00", c->birth_date);
		xleaf(x, "pie:BirthDate", bd);
	}
	if (present(c->address_line) || present(c->postal_code) || present(c->city)) {
		/* ESPPADOM [CODE]: the order of the address parts matters. */
		xstart(x, "pie:PostalCITradeAddress");
		if (present(c->address_line))
			xleaf(x, "pie:LineOne", c->address_line);
		if (present(c->postal_code))
			xleaf(x, "pie:PostcodeCode", c->postal_code);
		if (present(c->city))
			xleaf(x, "pie:CityName", c->city);
		xleaf(x, "pie:CountryID", "FR");
		xend(x);
	}
	xend(x);
}

static void
xprovider(struct xw *x, const struct lia_esppadom_batch *b, const struct lia_esppadom_line *l)
{
	xstart(x, "ram:ShipFromCITradeParty");
	xid(x, "pie:ID", b->provider.id);
	xleaf(x, "pie:Name", b->provider.name);
	xleaf(x, "pie:SIRET", b->provider.siret);
	xstart(x, "pie:DefinedCITradeContact");
	xid(x, "pie:ID", worker_id(l));
	if (present(l->worker_name))
		xleaf(x, "pie:PersonName", l->worker_name);
	xcode(x, "pie:TypeCode", "ESPPADOM_CONTACT_PRESTATAIRE", "INT");
	xend(x);
	xend(x);
}

/* Retained duration in decimal hours with 2 decimals, rounded half up from whole
 * minutes, written without printf's %f so that no locale can make it "0,97". */
static void
hours_text(int64_t minutes, char out[32])
{
	int64_t hundredths = (minutes * 100 + 30) / 60;
	snprintf(out, 32, "%lld.%02lld", (long long)(hundredths / 100),
		 (long long)(hundredths % 100));
}

static void
xadvice(struct xw *x, const struct lia_esppadom_batch *b, const struct lia_esppadom_line *l)
{
	const struct lia_visit *v = l->visit;
	const char *tz = b->tz;

	xstart(x, "ns:CrossIndustryDespatchAdvice");

	xstart(x, "ns:CIDDHExchangedDocumentContext");
	xleaf(x, "ram:VersionID", LIA_ESPPADOM_VERSION);
	/* ESPPADOM [READ] (guide v1.0 §2.5): one transaction number per batch, the same in
	 * every message of it; each document has its own number. */
	xleaf(x, "ram:SpecifiedTransactionID", b->transaction_id);
	xend(x);

	xstart(x, "ns:CIDDHExchangedDocument");
	xleaf(x, "ram:ID", v->id);
	xdatetime(x, "ram:IssueDateTime", tz, b->generated_at);
	xend(x);

	xstart(x, "ns:CIDDHSupplyChainTradeTransaction");

	xstart(x, "ram:ApplicableCIDDHSupplyChainTradeAgreement");
	xstart(x, "ram:BuyerOrderReferencedCIReferencedDocument");
	xstart(x, "ram:IssuerCITradeParty");
	xid(x, "pie:ID", b->funder.id);
	xleaf(x, "pie:Name", b->funder.name);
	xend(x);
	xend(x);
	/* ESPPADOM [CODE]: compani-api always sends GlobalID "P"; its meaning is not
	 * documented in what we could read [INFERRED: prestataire, as CadreIntervention]. */
	xstart(x, "ram:ContractReferencedCIReferencedDocument");
	xid(x, "qdt:GlobalID", "P");
	xend(x);
	xend(x);

	xstart(x, "ram:ApplicableCIDDHSupplyChainTradeDelivery");
	xbeneficiary(x, l);
	xprovider(x, b, l);
	/* Retained period ("délivrance retenue"). ESPPADOM [READ] CISupplyChainEventType:
	 * TypeCode 0..1, only when the retained period differs from the clocked one, then
	 * OccurrenceCISpecifiedPeriod 1..1. */
	xstart(x, "ram:ActualDespatchCISupplyChainEvent");
	if (present(v->correction_code))
		xcode(x, "ram:TypeCode", "ESPPADOM_EFFECTIVITY_AJUST", v->correction_code);
	xstart(x, "ram:OccurrenceCISpecifiedPeriod");
	xdatetime(x, "qdt:StartDateTime", tz, v->retained_start);
	xdatetime(x, "qdt:EndDateTime", tz, v->retained_end);
	xend(x);
	xend(x);
	/* Clocked period ("délivrance effective"): only the ends actually clocked. */
	if (v->check_in_at || v->check_out_at) {
		xstart(x, "ram:AdditionalReferencedCIReferencedDocument");
		xstart(x, "ram:EffectiveCISpecifiedPeriod");
		if (v->check_in_at)
			xclocked_end(x, "ram:StartDateTime", tz, v->check_in_at,
				     v->check_in_method);
		if (v->check_out_at)
			xclocked_end(x, "ram:EndDateTime", tz, v->check_out_at,
				     v->check_out_method);
		xend(x);
		xend(x);
	}
	xend(x);

	/* ESPPADOM [CODE]: sent empty. */
	xstart(x, "ram:ApplicableCIDDHSupplyChainTradeSettlement");
	xend(x);

	xstart(x, "ram:IncludedCIDDLSupplyChainTradeLineItem");
	xstart(x, "ram:AssociatedCIDDLDocumentLineDocument");
	/* One line per document: its number is 1 (UN/CEFACT LineID numbers the lines of a
	 * document; compani-api sends its transaction id there instead). */
	xleaf(x, "ram:LineID", "1");
	if (l->grant && present(l->grant->decision_ref))
		xleaf(x, "ram:OrderLineID", l->grant->decision_ref);
	xend(x);
	xstart(x, "ram:SpecifiedCIDDLSupplyChainTradeDelivery");
	char qty[32];
	hours_text(lia_esppadom_line_minutes(v), qty);
	xstart(x, "ram:BilledQuantity");
	xattr(x, "unitCode", "HUR"); /* UN/ECE Rec. 20: hour */
	xtext(x, qty);
	xend(x);
	xend(x);
	xstart(x, "ram:SpecifiedCIDDLSupplyChainTradeSettlement");
	/* ESPPADOM [CODE] PRE: intervention as prestataire (not mandataire). */
	xcode(x, "ram:CadreIntervention", "ESPPADOM_CADRE", "PRE");
	xend(x);
	xstart(x, "ram:SpecifiedCITradeProduct");
	const char *product = lia_esppadom_product_code(b->funder.code);
	if (strcmp(product, "AUTRE") == 0) {
		/* ESPPADOM [READ] forum 114: a code outside the EDESS list must not claim
		 * listID ESPPADOM_* nor agency EDESS. */
		xleaf(x, "qdt:ID", product);
	} else {
		xcode(x, "qdt:ID", "ESPPADOM_TYPE_AIDE", product);
	}
	xleaf(x, "qdt:Name",
	      present(v->label) ? v->label :
	      present(v->type)  ? v->type :
				  "Intervention");
	xend(x);
	xend(x);

	xend(x); /* CIDDHSupplyChainTradeTransaction */
	xend(x); /* CrossIndustryDespatchAdvice */
}

enum lia_esppadom_status
lia_esppadom_xml(const struct lia_esppadom_batch *b, char **out, size_t *len, size_t *bad_line)
{
	*out = NULL;
	*len = 0;
	enum lia_esppadom_status st = lia_esppadom_check(b, bad_line);
	if (st != LIA_ESPPADOM_OK)
		return st;
	if (b->nlines == 0)
		return LIA_ESPPADOM_NO_LINES;

	xmlInitParser();
	xmlBufferPtr buf = xmlBufferCreate();
	if (!buf)
		return LIA_ESPPADOM_XML_FAILED;
	struct xw x = {.w = xmlNewTextWriterMemory(buf, 0)};
	if (!x.w) {
		xmlBufferFree(buf);
		return LIA_ESPPADOM_XML_FAILED;
	}
	if (xmlTextWriterSetIndent(x.w, 1) < 0 || xmlTextWriterSetIndentString(x.w, XC("  ")) < 0 ||
	    xmlTextWriterStartDocument(x.w, "1.0", "UTF-8", NULL) < 0)
		x.failed = true;

	xstart(&x, "ns:delivery");
	xattr(&x, "versionID", LIA_ESPPADOM_VERSION);
	xattr(&x, "xmlns:ns", NS_NS);
	xattr(&x, "xmlns:ram", NS_RAM);
	xattr(&x, "xmlns:qdt", NS_QDT);
	xattr(&x, "xmlns:pie", NS_PIE);
	for (size_t i = 0; i < b->nlines && !x.failed; i++)
		xadvice(&x, b, &b->lines[i]);
	xend(&x);
	if (!x.failed && xmlTextWriterEndDocument(x.w) < 0)
		x.failed = true;
	xmlFreeTextWriter(x.w); /* flushes into buf */
	free(x.scratch);

	if (!x.failed) {
		size_t n = (size_t)xmlBufferLength(buf);
		*out = lia_xmalloc(n + 1);
		memcpy(*out, xmlBufferContent(buf), n);
		(*out)[n] = '\0';
		*len = n;
	}
	xmlBufferFree(buf);
	return x.failed ? LIA_ESPPADOM_XML_FAILED : LIA_ESPPADOM_OK;
}

/* ---- CSV ---- */

struct cbuf {
	char *p;
	size_t len, cap;
};

static void
cput(struct cbuf *c, const char *s, size_t n)
{
	if (c->len + n + 1 > c->cap) {
		size_t cap = c->cap ? c->cap : 4096;
		while (c->len + n + 1 > cap)
			cap *= 2;
		c->p = lia_xrealloc(c->p, cap);
		c->cap = cap;
	}
	memcpy(c->p + c->len, s, n);
	c->len += n;
	c->p[c->len] = '\0';
}

static void
cputs(struct cbuf *c, const char *s)
{
	cput(c, s, strlen(s));
}

/* One field, preceded by the separator unless first. RFC 4180: a field holding the
 * separator, a quote, CR or LF is quoted and its quotes doubled. A text that starts
 * like a formula gets an apostrophe, which spreadsheets show as text (OWASP "CSV
 * injection"): the file will be opened by people, from data typed by others. */
static void
cfield(struct cbuf *c, const char *s, bool first)
{
	if (!first)
		cputs(c, ";");
	if (!s)
		return;
	bool quote = strpbrk(s, ";\"\r\n") != NULL;
	bool guard = s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL;
	if (quote)
		cputs(c, "\"");
	if (guard)
		cputs(c, "'");
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			cputs(c, "\"\"");
		else
			cput(c, p, 1);
	}
	if (quote)
		cputs(c, "\"");
}

/* A generated value (date, time, number): never quoted, never guarded. */
static void
cplain(struct cbuf *c, const char *s)
{
	cputs(c, ";");
	cputs(c, s);
}

static bool
ctime_of(struct cbuf *c, const char *tz, int64_t us)
{
	char date[11], time[9];
	if (!us) {
		cputs(c, ";");
		return true;
	}
	if (!lia_local_format(tz, us, date, time))
		return false;
	time[5] = '\0'; /* HH:MM */
	cplain(c, time);
	return true;
}

static bool
crow(struct cbuf *c, const struct lia_esppadom_batch *b, const struct lia_esppadom_line *l)
{
	const struct lia_visit *v = l->visit;
	const struct lia_client *cl = l->client;
	const char *tz = b->tz;
	char date[11], time[9];

	cfield(c, v->id, true);
	cfield(c, cl->id, false);
	cfield(c, l->grant ? l->grant->beneficiary_ref : NULL, false);
	/* Same display name as the XML's pie:Name. */
	const char *given = display_given(cl), *family = display_family(cl);
	size_t n = (given ? strlen(given) : 0) + (family ? strlen(family) : 0) + 2;
	char *name = lia_xmalloc(n);
	snprintf(name, n, "%s%s%s", present(given) ? given : "", present(given) ? " " : "",
		 family ? family : "");
	cfield(c, name, false);
	free(name);
	if (!lia_local_format(tz, v->retained_start, date, time))
		return false;
	cplain(c, date);
	if (!ctime_of(c, tz, v->planned_start) || !ctime_of(c, tz, v->planned_end) ||
	    !ctime_of(c, tz, v->check_in_at) || !ctime_of(c, tz, v->check_out_at) ||
	    !ctime_of(c, tz, v->retained_start) || !ctime_of(c, tz, v->retained_end))
		return false;
	char minutes[32];
	snprintf(minutes, sizeof minutes, "%lld", (long long)lia_esppadom_line_minutes(v));
	cplain(c, minutes);
	cfield(c, v->correction_code, false);
	cfield(c, present(l->worker_name) ? l->worker_name : worker_id(l), false);
	cfield(c, b->funder.code, false);
	cfield(c, l->grant ? l->grant->decision_ref : NULL, false);
	cputs(c, "\r\n");
	return true;
}

enum lia_esppadom_status
lia_esppadom_csv(const struct lia_esppadom_batch *b, char **out, size_t *len, size_t *bad_line)
{
	*out = NULL;
	*len = 0;
	enum lia_esppadom_status st = lia_esppadom_check(b, bad_line);
	if (st != LIA_ESPPADOM_OK)
		return st;

	struct cbuf c = {0};
	cputs(&c, "\xEF\xBB\xBF"); /* UTF-8 byte-order mark */
	cputs(&c, "visit_id;client_id;beneficiary_ref;beneficiary_name;date;planned_start;"
		  "planned_end;clocked_in;clocked_out;retained_start;retained_end;"
		  "retained_minutes;correction_code;worker;funder;decision_ref\r\n");
	for (size_t i = 0; i < b->nlines; i++)
		if (!crow(&c, b, &b->lines[i])) {
			/* The zone was checked: only a broken tz database gets here. */
			free(c.p);
			return LIA_ESPPADOM_BAD_TZ;
		}
	*out = c.p;
	*len = c.len;
	return LIA_ESPPADOM_OK;
}

/* ---- file name ---- */

bool
lia_esppadom_file_stem(const struct lia_esppadom_batch *b, char *out, size_t size)
{
	if (size)
		out[0] = '\0';
	if (check_header(b) != LIA_ESPPADOM_OK)
		return false;
	char date[11], time[9];
	if (!lia_local_format(b->tz, b->generated_at, date, time))
		return false;
	size_t idn = strlen(b->provider.id);
	char *id = lia_xmalloc(idn + 1);
	for (size_t i = 0; i < idn; i++) {
		char ch = b->provider.id[i];
		bool keep = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
			    (ch >= '0' && ch <= '9') || ch == '_' || ch == '.';
		id[i] = keep ? ch : '_';
	}
	id[idn] = '\0';
	/* yyMMddHHmm of the generation, local. */
	int n = snprintf(out, size, "%s-%.4s%.2s-%s-%.2s%.2s%.2s%.2s%.2s", id, b->month,
			 b->month + 5, lia_esppadom_product_code(b->funder.code), date + 2,
			 date + 5, date + 8, time, time + 3);
	free(id);
	if (n < 0 || (size_t)n >= size) {
		if (size)
			out[0] = '\0';
		return false;
	}
	return true;
}
