/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Unit tests of src/domain/esppadom: the DELIVERY XML read back with libxml2 (one advice
 * per visit, one transaction id, the correction TypeCode only when there is one, the
 * clocked ends only when clocked, quantities that add up to the retained minutes, local
 * times across daylight saving, names with accents and '&'), xmllint when installed,
 * the CSV (quoting, formula guard, local times) and the refusals that write nothing.
 * Fixtures are synthetic.
 */
#include "lia_test.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "core/clock.h"
#include "domain/esppadom.h"

#define MIN_US (60LL * 1000000LL)
#define XC(s) ((const xmlChar *)(s))

static int64_t
at(const char *rfc3339)
{
	int64_t us = 0;
	assert_true(lia_time_parse(rfc3339, &us));
	return us;
}

/* ---- fixtures ---- */

struct fixture {
	struct lia_client clients[2];
	struct lia_grant grants[2];
	struct lia_visit visits[4];
	struct lia_esppadom_line lines[4];
	struct lia_esppadom_batch batch;
};

static struct fixture fx;

static void
fixture_init(void)
{
	memset(&fx, 0, sizeof fx);
	struct lia_client *c = fx.clients;
	c[0].id = "0190a000-0000-7000-8000-000000000001";
	c[0].birth_name = "LEFÈVRE";
	c[0].first_given_name = "Hélène";
	c[0].birth_given_names = "Hélène Marie";
	c[0].used_name = "DURAND & FILS";
	c[0].birth_date = "1935-04-02";
	c[0].address_line = "12 rue de l'Église & annexe";
	c[0].postal_code = "92160";
	c[0].city = "Antony";
	c[1].id = "0190a000-0000-7000-8000-000000000002";
	c[1].birth_name = "NGUYEN";
	c[1].first_given_name = "Anh";

	struct lia_grant *g = fx.grants;
	g[0].id = "g1";
	g[0].funder = "apa";
	g[0].decision_ref = "APA-2026-0456";
	g[0].beneficiary_ref = "BEN000123";
	g[0].minutes_per_month = 1200;
	g[0].starts_on = "2026-01-01";
	g[1].id = "g2";
	g[1].funder = "apa";
	g[1].minutes_per_month = 600;
	g[1].starts_on = "2026-01-01";

	struct lia_visit *v = fx.visits;
	/* 0: both ends badged (NFC in, QR out), retained = clocked, no correction. Winter:
	 * 2 March 09:02 Paris = 08:02 UTC. 58 minutes. */
	v[0].id = "0190b000-0000-7000-8000-00000000000a";
	v[0].client_id = c[0].id;
	v[0].label = "Aide au lever & toilette";
	v[0].status = "done";
	v[0].funder = "apa";
	v[0].worker_id = "w-visit";
	v[0].planned_start = at("2026-03-02T08:00:00Z");
	v[0].planned_end = at("2026-03-02T09:00:00Z");
	v[0].check_in_at = at("2026-03-02T08:02:00Z");
	v[0].check_in_method = "nfc";
	v[0].check_out_at = at("2026-03-02T09:00:00Z");
	v[0].check_out_method = "qr";
	v[0].retained_start = v[0].check_in_at;
	v[0].retained_end = v[0].check_out_at;
	/* 1: arrival clocked by the app, departure missing: COD. Summer time: 31 March
	 * 23:30 Paris = 21:30 UTC, to 1 April 00:30 local. 60 minutes. */
	v[1].id = "0190b000-0000-7000-8000-00000000000b";
	v[1].client_id = c[0].id;
	v[1].type = "aide_domicile";
	v[1].status = "done";
	v[1].planned_start = at("2026-03-31T21:30:00Z");
	v[1].planned_end = at("2026-03-31T22:30:00Z");
	v[1].check_in_at = at("2026-03-31T21:31:10Z");
	v[1].check_in_method = "app";
	v[1].retained_start = at("2026-03-31T21:30:00Z");
	v[1].retained_end = at("2026-03-31T22:30:00Z");
	v[1].correction_code = "COD";
	/* 2: nothing clocked: CRE. 90 minutes. */
	v[2].id = "0190b000-0000-7000-8000-00000000000c";
	v[2].client_id = c[1].id;
	v[2].label = "Courses";
	v[2].status = "done";
	v[2].planned_start = at("2026-03-10T13:00:00Z");
	v[2].planned_end = at("2026-03-10T14:30:00Z");
	v[2].retained_start = v[2].planned_start;
	v[2].retained_end = v[2].planned_end;
	v[2].correction_code = "CRE";
	/* 3: a minute: 0.02 h. */
	v[3].id = "0190b000-0000-7000-8000-00000000000d";
	v[3].client_id = c[1].id;
	v[3].status = "done";
	v[3].planned_start = at("2026-03-11T13:00:00Z");
	v[3].planned_end = at("2026-03-11T13:01:00Z");
	v[3].check_out_at = at("2026-03-11T13:01:00Z");
	v[3].check_out_method = "manual";
	v[3].retained_start = v[3].planned_start;
	v[3].retained_end = v[3].planned_end;
	v[3].correction_code = "";

	struct lia_esppadom_line *l = fx.lines;
	l[0] = (struct lia_esppadom_line){&v[0], &c[0], &g[0], "w-1", "MARTIN Zoé"};
	l[1] = (struct lia_esppadom_line){&v[1], &c[0], &g[0], "w-2", NULL};
	l[2] = (struct lia_esppadom_line){&v[2], &c[1], &g[1], "w-1", "MARTIN Zoé"};
	l[3] = (struct lia_esppadom_line){&v[3], &c[1], NULL, NULL, NULL};
	v[3].worker_id = "w-3";

	struct lia_esppadom_batch *b = &fx.batch;
	b->provider.id = "SAAD 42/Antony";
	b->provider.name = "Aide & Vie - Agence d'Antony";
	b->provider.siret = "12345678900012";
	b->funder.code = "apa";
	b->funder.id = "012345678912345";
	b->funder.name = "Conseil départemental des Hauts-de-Seine";
	b->month = "2026-03";
	b->tz = "Europe/Paris";
	b->generated_at = at("2026-04-01T10:05:00Z"); /* 12:05 local */
	b->transaction_id = "T-2026-03-0001";
	b->lines = fx.lines;
	b->nlines = 4;
}

static int
setup(void **state)
{
	(void)state;
	fixture_init();
	return 0;
}

/* ---- reading the XML back ---- */

static xmlDocPtr
parse(const char *xml, size_t len)
{
	xmlDocPtr doc = xmlReadMemory(xml, (int)len, "delivery.xml", NULL, XML_PARSE_NONET);
	assert_non_null(doc);
	return doc;
}

static xmlXPathObjectPtr
query(xmlDocPtr doc, const char *expr)
{
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	assert_non_null(ctx);
	xmlXPathRegisterNs(ctx, XC("ns"),
			   XC("urn:un:unece:uncefact:data:standard:CrossIndustryDespatchAdvice:2"));
	xmlXPathRegisterNs(ctx, XC("ram"),
			   XC("urn:un:unece:uncefact:data:standard:"
			      "ReusableAggregateBusinessInformationEntity:8"));
	xmlXPathRegisterNs(ctx, XC("qdt"),
			   XC("urn:un:unece:uncefact:data:standard:QualifiedDataType:8"));
	xmlXPathRegisterNs(ctx, XC("pie"),
			   XC("urn:un:unece:uncefact:data:standard:PersonInformationEntity:1"));
	xmlXPathObjectPtr r = xmlXPathEvalExpression(XC(expr), ctx);
	xmlXPathFreeContext(ctx);
	assert_non_null(r);
	return r;
}

static double
num(xmlDocPtr doc, const char *expr)
{
	xmlXPathObjectPtr r = query(doc, expr);
	double d = xmlXPathCastToNumber(r);
	xmlXPathFreeObject(r);
	return d;
}

/* The string value of expr, in a static buffer. */
static const char *
str(xmlDocPtr doc, const char *expr)
{
	static char out[512];
	xmlXPathObjectPtr r = query(doc, expr);
	xmlChar *s = xmlXPathCastToString(r);
	snprintf(out, sizeof out, "%s", (const char *)s);
	xmlFree(s);
	xmlXPathFreeObject(r);
	return out;
}

#define ADV(i) "/ns:delivery/ns:CrossIndustryDespatchAdvice[" #i "]"
#define DLV "/ns:CIDDHSupplyChainTradeTransaction/ram:ApplicableCIDDHSupplyChainTradeDelivery"
#define LINE "/ns:CIDDHSupplyChainTradeTransaction/ram:IncludedCIDDLSupplyChainTradeLineItem"

static xmlDocPtr
write_and_parse(char **xml, size_t *len)
{
	size_t bad = 99;
	assert_int_equal(lia_esppadom_xml(&fx.batch, xml, len, &bad), LIA_ESPPADOM_OK);
	assert_non_null(*xml);
	assert_int_equal(strlen(*xml), *len);
	return parse(*xml, *len);
}

/* ---- XML ---- */

static void
test_lia_esppadom_xml_structure(void **state)
{
	(void)state;
	char *xml;
	size_t len;
	xmlDocPtr doc = write_and_parse(&xml, &len);
	assert_string_equal(str(doc, "name(/*)"), "ns:delivery");
	assert_string_equal(str(doc, "/ns:delivery/@versionID"), "1.4");
	assert_int_equal((int)num(doc, "count(/ns:delivery/ns:CrossIndustryDespatchAdvice)"), 4);
	/* One transaction id for the file, one document id per visit. */
	assert_int_equal((int)num(doc, "count(//ram:SpecifiedTransactionID)"), 4);
	assert_int_equal((int)num(doc, "count(//ram:SpecifiedTransactionID[. = "
				       "'T-2026-03-0001'])"),
			 4);
	assert_int_equal((int)num(doc, "count(//ram:VersionID[. = '1.4'])"), 4);
	for (int i = 0; i < 4; i++) {
		char e[128];
		snprintf(
			e, sizeof e,
			"/ns:delivery/ns:CrossIndustryDespatchAdvice[%d]/ns:CIDDHExchangedDocument/"
			"ram:ID",
			i + 1);
		assert_string_equal(str(doc, e), fx.visits[i].id);
	}
	/* Generation instant, local, no offset. */
	assert_string_equal(str(doc, ADV(1) "/ns:CIDDHExchangedDocument/ram:IssueDateTime"),
			    "2026-04-01T12:05:00");
	/* Funder, provider, intervenant. */
	assert_string_equal(str(doc, ADV(1) "//ram:IssuerCITradeParty/pie:ID"), "012345678912345");
	assert_string_equal(str(doc, ADV(1) "//ram:IssuerCITradeParty/pie:ID/@schemeID"), "token");
	assert_string_equal(str(doc, ADV(1) "//ram:IssuerCITradeParty/pie:Name"),
			    "Conseil départemental des Hauts-de-Seine");
	assert_string_equal(str(doc, ADV(2) DLV "/ram:ShipFromCITradeParty/pie:SIRET"),
			    "12345678900012");
	assert_string_equal(str(doc, ADV(1) DLV "/ram:ShipFromCITradeParty/pie:Name"),
			    "Aide & Vie - Agence d'Antony");
	assert_string_equal(str(doc, ADV(1) DLV
				"/ram:ShipFromCITradeParty/pie:DefinedCITradeContact/pie:ID"),
			    "w-1");
	assert_string_equal(str(doc, ADV(1) DLV "//pie:DefinedCITradeContact/pie:PersonName"),
			    "MARTIN Zoé");
	assert_string_equal(str(doc, ADV(1) DLV "//pie:DefinedCITradeContact/pie:TypeCode"), "INT");
	assert_string_equal(str(doc, ADV(1) DLV "//pie:DefinedCITradeContact/pie:TypeCode/@listID"),
			    "ESPPADOM_CONTACT_PRESTATAIRE");
	/* No worker name: no PersonName; no line worker: the visit's. */
	assert_int_equal((int)num(doc, "count(" ADV(2) DLV "//pie:PersonName)"), 0);
	assert_string_equal(str(doc, ADV(4) DLV "//pie:DefinedCITradeContact/pie:ID"), "w-3");
	/* Line: cadre, product, label. */
	assert_int_equal((int)num(doc, "count(//ram:CadreIntervention[. = 'PRE'])"), 4);
	assert_int_equal((int)num(doc, "count(//ram:SpecifiedCITradeProduct/qdt:ID[. = 'APA' and "
				       "@listID = 'ESPPADOM_TYPE_AIDE' and @listAgencyName = "
				       "'EDESS'])"),
			 4);
	assert_string_equal(str(doc, ADV(1) LINE "/ram:SpecifiedCITradeProduct/qdt:Name"),
			    "Aide au lever & toilette");
	assert_string_equal(str(doc, ADV(2) LINE "/ram:SpecifiedCITradeProduct/qdt:Name"),
			    "aide_domicile");
	assert_string_equal(str(doc, ADV(4) LINE "/ram:SpecifiedCITradeProduct/qdt:Name"),
			    "Intervention");
	/* Element order of the transaction. */
	assert_string_equal(str(doc, "name(" ADV(1) "/ns:CIDDHSupplyChainTradeTransaction/*[1])"),
			    "ram:ApplicableCIDDHSupplyChainTradeAgreement");
	assert_string_equal(str(doc, "name(" ADV(1) "/ns:CIDDHSupplyChainTradeTransaction/*[4])"),
			    "ram:IncludedCIDDLSupplyChainTradeLineItem");
	xmlFreeDoc(doc);
	free(xml);
}

static void
test_lia_esppadom_xml_typecode_only_with_correction(void **state)
{
	(void)state;
	char *xml;
	size_t len;
	xmlDocPtr doc = write_and_parse(&xml, &len);
	/* Visits 2 (COD) and 3 (CRE) carry one; 1 (none) and 4 (empty string) do not. */
	assert_int_equal(
		(int)num(doc, "count(//ram:ActualDespatchCISupplyChainEvent/ram:TypeCode)"), 2);
	assert_int_equal((int)num(doc, "count(" ADV(1) "//ram:TypeCode)"), 0);
	assert_string_equal(str(doc, ADV(2) "//ram:ActualDespatchCISupplyChainEvent/ram:TypeCode"),
			    "COD");
	assert_string_equal(
		str(doc, ADV(2) "//ram:ActualDespatchCISupplyChainEvent/ram:TypeCode/@listID"),
		"ESPPADOM_EFFECTIVITY_AJUST");
	assert_string_equal(str(doc, ADV(3) "//ram:ActualDespatchCISupplyChainEvent/ram:TypeCode"),
			    "CRE");
	assert_int_equal((int)num(doc, "count(" ADV(4) "//ram:TypeCode)"), 0);
	/* TypeCode comes before the period (CISupplyChainEventType sequence). */
	assert_string_equal(str(doc, "name(" ADV(2) "//ram:ActualDespatchCISupplyChainEvent/*[1])"),
			    "ram:TypeCode");
	/* The period is always there. */
	assert_int_equal((int)num(doc, "count(//ram:ActualDespatchCISupplyChainEvent/"
				       "ram:OccurrenceCISpecifiedPeriod/qdt:StartDateTime)"),
			 4);
	xmlFreeDoc(doc);
	free(xml);
}

static void
test_lia_esppadom_xml_quantities_add_up(void **state)
{
	(void)state;
	char *xml;
	size_t len;
	xmlDocPtr doc = write_and_parse(&xml, &len);
	int64_t total = lia_esppadom_total_minutes(fx.lines, 4);
	assert_int_equal(total, 58 + 60 + 90 + 1);
	assert_string_equal(str(doc, ADV(1) LINE "//ram:BilledQuantity"), "0.97");
	assert_string_equal(str(doc, ADV(1) LINE "//ram:BilledQuantity/@unitCode"), "HUR");
	assert_string_equal(str(doc, ADV(2) LINE "//ram:BilledQuantity"), "1.00");
	assert_string_equal(str(doc, ADV(3) LINE "//ram:BilledQuantity"), "1.50");
	assert_string_equal(str(doc, ADV(4) LINE "//ram:BilledQuantity"), "0.02");
	/* Each quantity is rounded to the hundredth: the sum is within half a hundredth
	 * per line of the exact hours. */
	double sum = num(doc, "sum(//ram:BilledQuantity)");
	assert_true(fabs(sum - (double)total / 60.0) <= 4 * 0.005 + 1e-9);
	xmlFreeDoc(doc);
	free(xml);
}

static void
test_lia_esppadom_xml_local_times_and_clocked_ends(void **state)
{
	(void)state;
	char *xml;
	size_t len;
	xmlDocPtr doc = write_and_parse(&xml, &len);
	/* Winter (UTC+1). */
	assert_string_equal(str(doc, ADV(1) "//ram:OccurrenceCISpecifiedPeriod/qdt:StartDateTime"),
			    "2026-03-02T09:02:00");
	assert_string_equal(str(doc, ADV(1) "//ram:OccurrenceCISpecifiedPeriod/qdt:EndDateTime"),
			    "2026-03-02T10:00:00");
	/* Both ends badged: BDG on both sides. */
	assert_string_equal(str(doc, ADV(1) "//ram:EffectiveCISpecifiedPeriod/ram:StartDateTime/"
					    "ram:CertifiedDateTime"),
			    "2026-03-02T09:02:00");
	assert_int_equal(
		(int)num(doc,
			 "count(" ADV(1) "//ram:EffectiveCISpecifiedPeriod//"
					 "ram:CustomerIdentificationMethod[. = 'BDG' and @listID = "
					 "'ESPPADOM_TIMESTAMP_METHOD'])"),
		2);
	assert_int_equal((int)num(doc,
				  "count(" ADV(1) "//ram:EffectiveCISpecifiedPeriod//"
						  "ram:SupplierIdentificationMethod[. = 'BDG'])"),
			 2);
	/* Summer (UTC+2), 23:30 on the last day running past midnight. */
	assert_string_equal(str(doc, ADV(2) "//ram:OccurrenceCISpecifiedPeriod/qdt:StartDateTime"),
			    "2026-03-31T23:30:00");
	assert_string_equal(str(doc, ADV(2) "//ram:OccurrenceCISpecifiedPeriod/qdt:EndDateTime"),
			    "2026-04-01T00:30:00");
	/* Arrival only, by the app: no method code, no end. */
	assert_string_equal(str(doc, ADV(2) "//ram:EffectiveCISpecifiedPeriod/ram:StartDateTime/"
					    "ram:CertifiedDateTime"),
			    "2026-03-31T23:31:10");
	assert_int_equal((int)num(doc, "count(" ADV(2) "//ram:EffectiveCISpecifiedPeriod/"
						       "ram:EndDateTime)"),
			 0);
	assert_int_equal((int)num(doc, "count(" ADV(2) "//ram:CustomerIdentificationMethod)"), 0);
	/* Nothing clocked: no clocked block at all. */
	assert_int_equal(
		(int)num(doc, "count(" ADV(3) "//ram:AdditionalReferencedCIReferencedDocument)"),
		0);
	/* Departure only. */
	assert_int_equal((int)num(doc, "count(" ADV(4) "//ram:EffectiveCISpecifiedPeriod/"
						       "ram:StartDateTime)"),
			 0);
	assert_string_equal(str(doc, ADV(4) "//ram:EffectiveCISpecifiedPeriod/ram:EndDateTime/"
					    "ram:CertifiedDateTime"),
			    "2026-03-11T14:01:00");
	xmlFreeDoc(doc);
	free(xml);
}

static void
test_lia_esppadom_xml_beneficiary_and_order_refs(void **state)
{
	(void)state;
	char *xml;
	size_t len;
	xmlDocPtr doc = write_and_parse(&xml, &len);
	/* The funder's beneficiary number when the grant has one, else our client id. */
	assert_string_equal(str(doc, ADV(1) DLV "/ram:ShipToCITradeParty/pie:ID"), "BEN000123");
	assert_string_equal(str(doc, ADV(3) DLV "/ram:ShipToCITradeParty/pie:ID"),
			    fx.clients[1].id);
	assert_string_equal(str(doc, ADV(4) DLV "/ram:ShipToCITradeParty/pie:ID"),
			    fx.clients[1].id);
	/* OrderLineID: the decision reference, left out without one. */
	assert_string_equal(str(doc, ADV(1) LINE "//ram:OrderLineID"), "APA-2026-0456");
	assert_int_equal((int)num(doc, "count(" ADV(3) LINE "//ram:OrderLineID)"), 0);
	assert_int_equal((int)num(doc, "count(" ADV(4) LINE "//ram:OrderLineID)"), 0);
	assert_int_equal((int)num(doc, "count(//ram:LineID[. = '1'])"), 4);
	/* Birth date and address of the first client; none for the second. */
	assert_string_equal(str(doc, ADV(1) DLV "/ram:ShipToCITradeParty/pie:BirthDate"),
			    "1935-04-02T00:00:00");
	assert_string_equal(str(doc, "name(" ADV(1) DLV
				"/ram:ShipToCITradeParty/pie:PostalCITradeAddress/*[4])"),
			    "pie:CountryID");
	assert_int_equal((int)num(doc, "count(" ADV(3) DLV "//pie:BirthDate)"), 0);
	assert_int_equal((int)num(doc, "count(" ADV(3) DLV "//pie:PostalCITradeAddress)"), 0);
	assert_string_equal(str(doc, ADV(3) DLV "/ram:ShipToCITradeParty/pie:Name"), "Anh NGUYEN");
	xmlFreeDoc(doc);
	free(xml);
}

static void
test_lia_esppadom_xml_escapes_accents_and_ampersands(void **state)
{
	(void)state;
	char *xml;
	size_t len;
	xmlDocPtr doc = write_and_parse(&xml, &len);
	/* Read back as written. */
	assert_string_equal(str(doc, ADV(1) DLV "/ram:ShipToCITradeParty/pie:Name"),
			    "Hélène DURAND & FILS");
	assert_string_equal(str(doc, ADV(1) DLV "/ram:ShipToCITradeParty/pie:LastName"), "LEFÈVRE");
	assert_string_equal(str(doc, ADV(1) DLV "/ram:ShipToCITradeParty/pie:FirstName"), "Hélène");
	assert_string_equal(str(doc, ADV(1) DLV "//pie:PostalCITradeAddress/pie:LineOne"),
			    "12 rue de l'Église & annexe");
	/* On the wire: UTF-8 as is, ampersands as entities, never raw. */
	assert_non_null(strstr(xml, "encoding=\"UTF-8\""));
	assert_non_null(strstr(xml, "Hélène DURAND &amp; FILS"));
	assert_non_null(strstr(xml, "Aide &amp; Vie"));
	assert_null(strstr(xml, "& "));
	xmlFreeDoc(doc);
	free(xml);
}

static void
test_lia_esppadom_xml_control_characters_replaced(void **state)
{
	(void)state;
	fx.visits[0].label = "Toilette\x01 et \x1f repas\xEF\xBF\xBF";
	fx.clients[1].city = "<Ville>";
	fx.clients[1].postal_code = "75001";
	char *xml;
	size_t len;
	xmlDocPtr doc = write_and_parse(&xml, &len);
	assert_string_equal(str(doc, ADV(1) LINE "/ram:SpecifiedCITradeProduct/qdt:Name"),
			    "Toilette  et   repas ");
	assert_string_equal(str(doc, ADV(3) DLV "//pie:CityName"), "<Ville>");
	assert_non_null(strstr(xml, "&lt;Ville&gt;"));
	xmlFreeDoc(doc);
	free(xml);
}

static void
test_lia_esppadom_xml_product_codes(void **state)
{
	(void)state;
	assert_string_equal(lia_esppadom_product_code("apa"), "APA");
	assert_string_equal(lia_esppadom_product_code("pch"), "PCH");
	assert_string_equal(lia_esppadom_product_code("caisse_retraite"), "AM");
	assert_string_equal(lia_esppadom_product_code("private"), "AUTRE");
	assert_string_equal(lia_esppadom_product_code(NULL), "AUTRE");

	fx.batch.funder.code = "caisse_retraite";
	char *xml;
	size_t len;
	xmlDocPtr doc = write_and_parse(&xml, &len);
	assert_int_equal((int)num(doc, "count(//qdt:ID[. = 'AM' and @listID = "
				       "'ESPPADOM_TYPE_AIDE'])"),
			 4);
	xmlFreeDoc(doc);
	free(xml);

	/* A code of ours must not claim an EDESS list. */
	fx.batch.funder.code = "other";
	doc = write_and_parse(&xml, &len);
	assert_int_equal((int)num(doc, "count(//qdt:ID[. = 'AUTRE'])"), 4);
	assert_int_equal((int)num(doc, "count(//qdt:ID[@listID])"), 0);
	xmlFreeDoc(doc);
	free(xml);
}

static void
test_lia_esppadom_xml_passes_xmllint(void **state)
{
	(void)state;
	if (access("/usr/bin/xmllint", X_OK) != 0) {
		printf("xmllint not installed (Debian package libxml2-utils): check skipped\n");
		skip();
	}
	char *xml;
	size_t len;
	assert_int_equal(lia_esppadom_xml(&fx.batch, &xml, &len, NULL), LIA_ESPPADOM_OK);
	char path[] = "/tmp/lia-esppadom-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, xml, len), (ssize_t)len);
	close(fd);
	free(xml);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		execl("/usr/bin/xmllint", "xmllint", "--noout", path, (char *)NULL);
		_exit(127);
	}
	int status = 0;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	unlink(path);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

/* ---- refusals ---- */

static void
expect_refused(enum lia_esppadom_status want, size_t want_line)
{
	char *out = (char *)&fx; /* anything but NULL */
	size_t len = 5, bad = 99;
	assert_int_equal(lia_esppadom_xml(&fx.batch, &out, &len, &bad), want);
	assert_null(out);
	assert_int_equal(len, 0);
	if (want_line != (size_t)-1)
		assert_int_equal(bad, want_line);
	out = (char *)&fx;
	bad = 99;
	assert_int_equal(lia_esppadom_csv(&fx.batch, &out, &len, &bad), want);
	assert_null(out);
	if (want_line != (size_t)-1)
		assert_int_equal(bad, want_line);
}

static void
test_lia_esppadom_refuses_visit_not_done(void **state)
{
	(void)state;
	fx.visits[2].status = "in_progress";
	expect_refused(LIA_ESPPADOM_NOT_DONE, 2);
	fx.visits[2].status = NULL;
	expect_refused(LIA_ESPPADOM_NOT_DONE, 2);
	assert_string_equal(lia_esppadom_status_code(LIA_ESPPADOM_NOT_DONE), "not_done");
}

static void
test_lia_esppadom_refuses_empty_or_reversed_period(void **state)
{
	(void)state;
	fx.visits[1].retained_end = fx.visits[1].retained_start;
	expect_refused(LIA_ESPPADOM_BAD_PERIOD, 1);
	fx.visits[1].retained_end = fx.visits[1].retained_start - MIN_US;
	expect_refused(LIA_ESPPADOM_BAD_PERIOD, 1);
	fx.visits[1].retained_start = fx.visits[1].retained_end = 0;
	expect_refused(LIA_ESPPADOM_BAD_PERIOD, 1);
}

static void
test_lia_esppadom_refuses_bad_lines(void **state)
{
	(void)state;
	fx.visits[0].correction_code = "XYZ";
	expect_refused(LIA_ESPPADOM_BAD_CODE, 0);
	fixture_init();
	fx.lines[3].client = NULL;
	expect_refused(LIA_ESPPADOM_BAD_LINE, 3);
	fixture_init();
	fx.visits[3].worker_id = NULL;
	expect_refused(LIA_ESPPADOM_NO_WORKER, 3);
	fixture_init();
	fx.clients[1].birth_name = "NGUY\xC3"; /* truncated UTF-8 */
	expect_refused(LIA_ESPPADOM_BAD_TEXT, 2);
}

static void
test_lia_esppadom_refuses_bad_header(void **state)
{
	(void)state;
	fx.batch.provider.siret = "1234567890001";
	expect_refused(LIA_ESPPADOM_BAD_HEADER, (size_t)-1);
	fx.batch.provider.siret = "1234567890001A";
	expect_refused(LIA_ESPPADOM_BAD_HEADER, (size_t)-1);
	fixture_init();
	fx.batch.transaction_id = "";
	expect_refused(LIA_ESPPADOM_BAD_HEADER, (size_t)-1);
	fixture_init();
	fx.batch.month = "2026-3";
	expect_refused(LIA_ESPPADOM_BAD_HEADER, (size_t)-1);
	fixture_init();
	fx.batch.funder.id = NULL;
	expect_refused(LIA_ESPPADOM_BAD_HEADER, (size_t)-1);
	fixture_init();
	fx.batch.tz = "Europe/Atlantis";
	expect_refused(LIA_ESPPADOM_BAD_TZ, (size_t)-1);
	fixture_init();
	fx.batch.nlines = LIA_ESPPADOM_MAX_LINES + 1;
	expect_refused(LIA_ESPPADOM_TOO_MANY_LINES, (size_t)-1);
}

static void
test_lia_esppadom_xml_refuses_no_lines_csv_gives_header(void **state)
{
	(void)state;
	fx.batch.nlines = 0;
	char *out;
	size_t len;
	assert_int_equal(lia_esppadom_xml(&fx.batch, &out, &len, NULL), LIA_ESPPADOM_NO_LINES);
	assert_null(out);
	assert_int_equal(lia_esppadom_csv(&fx.batch, &out, &len, NULL), LIA_ESPPADOM_OK);
	assert_non_null(out);
	assert_int_equal(strncmp(out, "\xEF\xBB\xBFvisit_id;", 12), 0);
	assert_int_equal(strlen(out), len);
	assert_string_equal(out + len - 2, "\r\n");
	assert_ptr_equal(strchr(out, '\n') + 1, out + len); /* exactly one line */
	free(out);
}

/* ---- CSV ---- */

/* The n-th line (0: header) of csv, without its CRLF, in a static buffer. Lines are
 * told apart by CRLF, so quoted LFs stay inside their line. */
static const char *
csv_line(const char *csv, int n)
{
	static char out[2048];
	const char *p = csv;
	for (int i = 0; i < n; i++) {
		p = strstr(p, "\r\n");
		assert_non_null(p);
		p += 2;
	}
	const char *e = strstr(p, "\r\n");
	assert_non_null(e);
	snprintf(out, sizeof out, "%.*s", (int)(e - p), p);
	return out;
}

static void
test_lia_esppadom_csv_rows(void **state)
{
	(void)state;
	char *csv;
	size_t len;
	assert_int_equal(lia_esppadom_csv(&fx.batch, &csv, &len, NULL), LIA_ESPPADOM_OK);
	assert_int_equal(strlen(csv), len);
	assert_int_equal(memcmp(csv, "\xEF\xBB\xBF", 3), 0);
	assert_string_equal(
		csv_line(csv + 3, 0),
		"visit_id;client_id;beneficiary_ref;beneficiary_name;date;planned_start;"
		"planned_end;clocked_in;clocked_out;retained_start;retained_end;"
		"retained_minutes;correction_code;worker;funder;decision_ref");
	assert_string_equal(csv_line(csv + 3, 1),
			    "0190b000-0000-7000-8000-00000000000a;"
			    "0190a000-0000-7000-8000-000000000001;BEN000123;"
			    "Hélène DURAND & FILS;2026-03-02;09:00;10:00;09:02;10:00;09:02;10:00;"
			    "58;;MARTIN Zoé;apa;APA-2026-0456");
	/* Summer time, past midnight; no clocked out; worker id for want of a name. */
	assert_string_equal(csv_line(csv + 3, 2),
			    "0190b000-0000-7000-8000-00000000000b;"
			    "0190a000-0000-7000-8000-000000000001;BEN000123;"
			    "Hélène DURAND & FILS;2026-03-31;23:30;00:30;23:31;;23:30;00:30;"
			    "60;COD;w-2;apa;APA-2026-0456");
	assert_string_equal(csv_line(csv + 3, 4),
			    "0190b000-0000-7000-8000-00000000000d;"
			    "0190a000-0000-7000-8000-000000000002;;Anh NGUYEN;2026-03-11;14:00;"
			    "14:01;;14:01;14:00;14:01;1;;w-3;apa;");
	/* Five lines, each ended by CRLF. */
	assert_string_equal(csv + len - 2, "\r\n");
	int crlf = 0;
	for (const char *p = csv; (p = strstr(p, "\r\n")); p += 2)
		crlf++;
	assert_int_equal(crlf, 5);
	free(csv);
}

static void
test_lia_esppadom_csv_quoting_and_formula_guard(void **state)
{
	(void)state;
	fx.clients[1].used_name = "NGUYEN; \"dit\" Tran";
	fx.grants[1].decision_ref = "=HYPERLINK(\"http://x\")";
	fx.lines[2].worker_name = "Paul\nMARTIN";
	fx.lines[3].worker_name = "-Léa";
	char *csv;
	size_t len;
	assert_int_equal(lia_esppadom_csv(&fx.batch, &csv, &len, NULL), LIA_ESPPADOM_OK);
	const char *row = csv_line(csv + 3, 3);
	assert_non_null(strstr(row, ";\"Anh NGUYEN; \"\"dit\"\" Tran\";"));
	assert_non_null(strstr(row, ";\"Paul\nMARTIN\";"));
	/* Quoted (holds quotes) and guarded inside the quotes. */
	assert_non_null(strstr(row, ";\"'=HYPERLINK(\"\"http://x\"\")\""));
	row = csv_line(csv + 3, 4);
	assert_non_null(strstr(row, ";'-Léa;"));
	/* Generated values are never guarded nor quoted. */
	assert_non_null(strstr(row, ";2026-03-11;14:00;"));
	free(csv);
}

/* ---- minutes and file name ---- */

static void
test_lia_esppadom_total_minutes_rounds_each_line(void **state)
{
	(void)state;
	struct lia_visit v[3];
	memset(v, 0, sizeof v);
	v[0].retained_start = 0;
	v[0].retained_end = 29 * 1000000LL; /* 0 */
	v[1].retained_start = 1000;
	v[1].retained_end = 1000 + 30 * 1000000LL; /* half a minute: 1 */
	v[2].retained_start = 5;
	v[2].retained_end = 4; /* reversed: 0 */
	assert_int_equal(lia_esppadom_line_minutes(&v[0]), 0);
	assert_int_equal(lia_esppadom_line_minutes(&v[1]), 1);
	assert_int_equal(lia_esppadom_line_minutes(&v[2]), 0);
	struct lia_esppadom_line l[4] = {
		{.visit = &v[0]}, {.visit = &v[1]}, {.visit = NULL}, {.visit = &v[2]}};
	assert_int_equal(lia_esppadom_total_minutes(l, 4), 1);
	assert_int_equal(lia_esppadom_total_minutes(fx.lines, 4), 209);
}

static void
test_lia_esppadom_file_stem(void **state)
{
	(void)state;
	char stem[64];
	assert_true(lia_esppadom_file_stem(&fx.batch, stem, sizeof stem));
	assert_string_equal(stem, "SAAD_42_Antony-202603-APA-2604011205");
	char small[10];
	assert_false(lia_esppadom_file_stem(&fx.batch, small, sizeof small));
	assert_string_equal(small, "");
	fx.batch.provider.siret = NULL;
	assert_false(lia_esppadom_file_stem(&fx.batch, stem, sizeof stem));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_lia_esppadom_xml_structure, setup),
		cmocka_unit_test_setup(test_lia_esppadom_xml_typecode_only_with_correction, setup),
		cmocka_unit_test_setup(test_lia_esppadom_xml_quantities_add_up, setup),
		cmocka_unit_test_setup(test_lia_esppadom_xml_local_times_and_clocked_ends, setup),
		cmocka_unit_test_setup(test_lia_esppadom_xml_beneficiary_and_order_refs, setup),
		cmocka_unit_test_setup(test_lia_esppadom_xml_escapes_accents_and_ampersands, setup),
		cmocka_unit_test_setup(test_lia_esppadom_xml_control_characters_replaced, setup),
		cmocka_unit_test_setup(test_lia_esppadom_xml_product_codes, setup),
		cmocka_unit_test_setup(test_lia_esppadom_xml_passes_xmllint, setup),
		cmocka_unit_test_setup(test_lia_esppadom_refuses_visit_not_done, setup),
		cmocka_unit_test_setup(test_lia_esppadom_refuses_empty_or_reversed_period, setup),
		cmocka_unit_test_setup(test_lia_esppadom_refuses_bad_lines, setup),
		cmocka_unit_test_setup(test_lia_esppadom_refuses_bad_header, setup),
		cmocka_unit_test_setup(test_lia_esppadom_xml_refuses_no_lines_csv_gives_header,
				       setup),
		cmocka_unit_test_setup(test_lia_esppadom_csv_rows, setup),
		cmocka_unit_test_setup(test_lia_esppadom_csv_quoting_and_formula_guard, setup),
		cmocka_unit_test_setup(test_lia_esppadom_total_minutes_rounds_each_line, setup),
		cmocka_unit_test_setup(test_lia_esppadom_file_stem, setup),
	};
	xmlInitParser();
	LIA_RUN_GROUP("esppadom", tests, NULL, NULL);
}
