/* SPDX-License-Identifier: EUPL-1.2 */
/* The demo's emergency liaison files (see demo_dlu.h). Synthetic data only. */
#include "domain/demo_dlu.h"

#include "core/uuid.h"

/* Three residents' files, given in turn: accents and symbols on purpose, so that the
 * PDF's fonts are exercised from the first demo. */
static const char *const files[] = {
	"{\"medecin_traitant\":{\"name\":\"Dr Claire Moreau\",\"phone\":\"03 20 45 67 89\"},"
	"\"personne_confiance\":{\"name\":\"Hélène Lefèvre\",\"relation\":\"fille\","
	"\"phone\":\"06 12 34 56 78\"},"
	"\"personne_a_prevenir\":{\"name\":\"François Lefèvre\",\"relation\":\"fils\","
	"\"phone\":\"06 98 76 54 32\"},"
	"\"preferred_hospital\":{\"name\":\"CHU de Lille — Hôpital Roger-Salengro\","
	"\"phone\":\"03 20 44 59 62\",\"address\":\"Rue Émile Laine, 59037 Lille\"},"
	"\"legal_protection\":\"Curatelle renforcée (UDAF du Nord)\","
	"\"documents\":[{\"document\":\"dernieres_ordonnances\",\"present\":true},"
	"{\"document\":\"ecg\",\"present\":true},"
	"{\"document\":\"directives_anticipees\",\"present\":true},"
	"{\"document\":\"carte_vitale_mutuelle\",\"present\":false}],"
	"\"pathologies\":[\"Insuffisance cardiaque (NYHA II)\",\"Maladie d'Alzheimer, stade "
	"modéré\"],"
	"\"history\":[\"Fracture du col du fémur droit (2021)\",\"Cholécystectomie (1998)\"],"
	"\"allergies\":[{\"substance\":\"Pénicilline\",\"reaction\":\"œdème de Quincke\"},"
	"{\"substance\":\"Iode\",\"reaction\":\"urticaire\"}],"
	"\"treatments_note\":\"Pilulier préparé par l'infirmière le lundi.\","
	"\"palliative_care\":{\"active\":false},"
	"\"advance_directives\":{\"exists\":true,\"location\":\"Classeur bleu, tiroir de la "
	"commode\",\"written_on\":\"2023-05-14\"},"
	"\"bmr\":{\"carrier\":true,\"organism\":\"SARM\",\"identified_on\":\"2025-09-02\"},"
	"\"vaccinations\":[{\"vaccine\":\"Grippe\",\"date\":\"2025-10-15\"},"
	"{\"vaccine\":\"Covid-19\",\"date\":\"2025-10-15\"}],"
	"\"communication\":\"Malentendante à gauche ; parler lentement, face à elle.\","
	"\"orientation\":\"Désorientée dans le temps, orientée dans l'espace.\","
	"\"behaviour\":\"Anxieuse le soir (syndrome crépusculaire).\","
	"\"falls\":\"2 chutes en 6 mois, sans fracture.\","
	"\"wandering\":\"Non.\",\"restraint\":\"Aucune.\","
	"\"pressure_sore_risk\":\"Braden 14 : risque modéré, matelas à air.\","
	"\"swallowing\":\"Troubles légers : eau gélifiée, texture hachée.\","
	"\"mobility\":\"Marche avec déambulateur, aide au transfert.\","
	"\"diet\":\"Sans sel strict ; diabétique.\"}",

	"{\"medecin_traitant\":{\"name\":\"Dr Paul Lambert\",\"phone\":\"01 43 57 21 09\"},"
	"\"personne_confiance\":{\"name\":\"Zoé Nguyễn\",\"relation\":\"nièce\","
	"\"phone\":\"07 11 22 33 44\"},"
	"\"allergies\":[{\"substance\":\"Aspirine\",\"reaction\":\"bronchospasme\"}],"
	"\"pathologies\":[\"Diabète de type 2\",\"BPCO sous oxygène 2 L/min\"],"
	"\"palliative_care\":{\"active\":true,\"team\":\"EMSP Saint-Louis\"},"
	"\"advance_directives\":{\"exists\":false},"
	"\"bmr\":{\"carrier\":false},"
	"\"communication\":\"Parle vietnamien et un peu de français.\","
	"\"falls\":\"Aucune chute connue.\",\"mobility\":\"Fauteuil roulant.\"}",

	"{\"medecin_traitant\":{\"name\":\"Dr Anaïs Château\",\"phone\":\"04 78 00 11 22\"},"
	"\"personne_a_prevenir\":{\"name\":\"Jean-Noël Ébrard\",\"relation\":\"voisin\","
	"\"phone\":\"06 00 00 00 01\"},"
	"\"allergies\":[],"
	"\"history\":[\"AVC ischémique (2019), hémiparésie gauche séquellaire\"],"
	"\"swallowing\":\"Fausses routes : eau gélifiée.\","
	"\"orientation\":\"Orienté.\"}",
};
#define NFILES (sizeof files / sizeof files[0])

int
lia_demo_dlu(struct lia_conn *c, const char *nurse, const struct lia_client *clients, size_t n,
	     int64_t now)
{
	int st = LIA_STORE_OK;
	for (size_t i = 0; st == LIA_STORE_OK && i < n; i++) {
		const struct lia_client *cl = &clients[i];
		struct lia_dlu d = {.client_id = cl->id,
				    .org_id = cl->org_id,
				    .data = files[i % NFILES],
				    .updated_at = now,
				    .updated_by = nurse};
		st = c->ops->dlu_put(c, &d, 0);
		if (st != LIA_STORE_OK)
			break;
		char id[LIA_UUID_STRLEN + 1];
		lia_uuid7(id);
		/* Audited as the rest of the demo data: by the system, detail "demo". */
		struct lia_audit_entry e = {
			.id = id,
			.org_id = cl->org_id,
			.at = now,
			.actor_role = "system",
			.action = "dlu.medical.write",
			.client_id = cl->id,
			.outcome = "ok",
			.detail = "demo",
		};
		st = c->ops->audit_append(c, &e, 1);
	}
	return st;
}
