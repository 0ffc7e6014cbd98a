/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Identity rules of a client record (RNIV): the status that the evidence allows, the
 * strict traits whose change voids that evidence, and the ASCII keys that search and
 * duplicate detection compare. Name keys fold the letters of French and neighbouring
 * languages so that "Lefèvre", "LEFEVRE" and "lefevre" meet.
 */
#include "domain/identity.h"

#include <stdint.h>
#include <string.h>

const char *
lia_identity_status(bool insi_lookup_done, bool document_checked)
{
	/* RNIV: QUAL needs both the INSi look-up and a checked identity document. */
	if (insi_lookup_done && document_checked)
		return "QUAL";
	if (insi_lookup_done)
		return "RECUP";
	if (document_checked)
		return "VALI";
	return "PROV";
}

/* Letters of Latin-1 Supplement and Latin Extended-A, as ASCII upper case.
 * Ranges rather than one entry per code point: fewer places to get wrong. */
struct fold {
	uint16_t lo, hi;
	const char *ascii;
};

static const struct fold folds[] = {
	{0x00C0, 0x00C5, "A"},  {0x00C6, 0x00C6, "AE"}, {0x00C7, 0x00C7, "C"},
	{0x00C8, 0x00CB, "E"},  {0x00CC, 0x00CF, "I"},  {0x00D0, 0x00D0, "D"},
	{0x00D1, 0x00D1, "N"},  {0x00D2, 0x00D6, "O"},  {0x00D8, 0x00D8, "O"},
	{0x00D9, 0x00DC, "U"},  {0x00DD, 0x00DD, "Y"},  {0x00DE, 0x00DE, "TH"},
	{0x00DF, 0x00DF, "SS"}, {0x00E0, 0x00E5, "A"},  {0x00E6, 0x00E6, "AE"},
	{0x00E7, 0x00E7, "C"},  {0x00E8, 0x00EB, "E"},  {0x00EC, 0x00EF, "I"},
	{0x00F0, 0x00F0, "D"},  {0x00F1, 0x00F1, "N"},  {0x00F2, 0x00F6, "O"},
	{0x00F8, 0x00F8, "O"},  {0x00F9, 0x00FC, "U"},  {0x00FD, 0x00FD, "Y"},
	{0x00FE, 0x00FE, "TH"}, {0x00FF, 0x00FF, "Y"},  {0x0100, 0x0105, "A"},
	{0x0106, 0x010D, "C"},  {0x010E, 0x0111, "D"},  {0x0112, 0x011B, "E"},
	{0x011C, 0x0123, "G"},  {0x0124, 0x0127, "H"},  {0x0128, 0x0131, "I"},
	{0x0132, 0x0133, "IJ"}, {0x0134, 0x0135, "J"},  {0x0136, 0x0138, "K"},
	{0x0139, 0x0142, "L"},  {0x0143, 0x014B, "N"},  {0x014C, 0x0151, "O"},
	{0x0152, 0x0153, "OE"}, {0x0154, 0x0159, "R"},  {0x015A, 0x0161, "S"},
	{0x0162, 0x0167, "T"},  {0x0168, 0x0173, "U"},  {0x0174, 0x0175, "W"},
	{0x0176, 0x0178, "Y"},  {0x0179, 0x017E, "Z"},  {0x017F, 0x017F, "S"},
};

static const char *
fold_letter(uint32_t cp)
{
	for (size_t i = 0; i < sizeof folds / sizeof folds[0]; i++)
		if (cp >= folds[i].lo && cp <= folds[i].hi)
			return folds[i].ascii;
	return NULL;
}

/* Separators of name parts: spaces (with the no-break space that word processors
 * insert), hyphens, and the apostrophes of N'Diaye / N’Diaye / Nʼ... */
static bool
is_separator(uint32_t cp)
{
	switch (cp) {
	case ' ':
	case '\t':
	case 0x00A0:
	case '-':
	case 0x2010:
	case 0x2011:
	case '\'':
	case 0x2018:
	case 0x2019:
	case 0x02BC:
		return true;
	default:
		return false;
	}
}

/* Decodes one UTF-8 sequence at s; returns its length (at least 1) and the code
 * point, or 0xFFFFFFFF for a malformed sequence so that the byte is skipped. */
static size_t
utf8_next(const unsigned char *s, uint32_t *cp)
{
	unsigned char c = s[0];
	size_t len;
	uint32_t v, min;
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if ((c & 0xE0) == 0xC0) {
		len = 2, v = c & 0x1F, min = 0x80;
	} else if ((c & 0xF0) == 0xE0) {
		len = 3, v = c & 0x0F, min = 0x800;
	} else if ((c & 0xF8) == 0xF0) {
		len = 4, v = c & 0x07, min = 0x10000;
	} else {
		*cp = 0xFFFFFFFF;
		return 1;
	}
	for (size_t i = 1; i < len; i++) {
		/* Stops at the terminating NUL too, since NUL is not a continuation byte. */
		if ((s[i] & 0xC0) != 0x80) {
			*cp = 0xFFFFFFFF;
			return 1;
		}
		v = (v << 6) | (s[i] & 0x3F);
	}
	*cp = v < min ? 0xFFFFFFFF : v; /* overlong forms are malformed */
	return len;
}

char *
lia_name_key(struct lia_arena *a, const char *utf8)
{
	if (!utf8)
		return lia_arena_strdup(a, "");
	/* Every input character gives at most as many bytes as it takes: ASCII 1 -> 1,
	 * two-byte letters -> at most 2 (ß -> SS, œ -> OE), longer ones -> a space. */
	size_t n = strlen(utf8);
	char *out = lia_arena_alloc(a, n + 1);
	size_t o = 0;
	bool pending_space = false;
	const unsigned char *s = (const unsigned char *)utf8;
	while (*s) {
		uint32_t cp;
		s += utf8_next(s, &cp);
		const char *letters = NULL;
		char one[2] = {0, 0};
		if ((cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z')) {
			one[0] = (char)(cp & ~0x20u);
			letters = one;
		} else if (is_separator(cp)) {
			pending_space = true;
			continue;
		} else {
			/* Digits, punctuation, combining accents of decomposed input (NFD)
			 * and letters of other scripts are dropped. */
			letters = fold_letter(cp);
			if (!letters)
				continue;
		}
		if (pending_space && o > 0)
			out[o++] = ' ';
		pending_space = false;
		for (; *letters; letters++)
			out[o++] = *letters;
	}
	out[o] = '\0';
	return out;
}

/* The first word of a space-separated list; compound names (Jean-Pierre) stay whole. */
static char *
first_word(struct lia_arena *a, const char *list)
{
	if (!list)
		return lia_arena_strdup(a, "");
	while (*list == ' ')
		list++;
	size_t n = strcspn(list, " ");
	return lia_arena_strndup(a, list, n);
}

static char *
join_keys(struct lia_arena *a, const char *name_key, const char *given_key)
{
	if (!*given_key)
		return lia_arena_strdup(a, name_key);
	if (!*name_key)
		return lia_arena_strdup(a, given_key);
	return lia_arena_printf(a, "%s %s", name_key, given_key);
}

void
lia_client_keys(struct lia_arena *a, struct lia_client *cl)
{
	char *first = first_word(a, cl->birth_given_names);
	cl->first_given_name = first;
	char *birth_key = lia_name_key(a, cl->birth_name);
	char *first_key = lia_name_key(a, first);
	cl->name_key = join_keys(a, birth_key, first_key);

	/* Same shape as name_key so that one name prefix finds a person under either
	 * name: the used name with the used first name when known. */
	cl->used_name_key = NULL;
	if (cl->used_name) {
		char *used_key = lia_name_key(a, cl->used_name);
		if (*used_key) {
			char *given_key = cl->used_given_name ?
						  lia_name_key(a, cl->used_given_name) :
						  first_key;
			if (!*given_key)
				given_key = first_key;
			cl->used_name_key = join_keys(a, used_key, given_key);
		}
	}

	/* RNIV strict traits, as compared for duplicates: two records with the same
	 * birth name, first given name, birth date and sex are presumed one person. */
	cl->identity_key = lia_arena_printf(a, "%s|%s|%s|%s", birth_key, first_key,
					    cl->birth_date ? cl->birth_date : "",
					    cl->sex ? cl->sex : "");
}

static bool
differ(const char *x, const char *y)
{
	if (!x || !y)
		return x != y;
	return strcmp(x, y) != 0;
}

bool
lia_strict_traits_changed(const struct lia_client *a, const struct lia_client *b)
{
	/* RNIV: exactly the strict traits; used names and contacts may change freely. */
	return differ(a->birth_name, b->birth_name) ||
	       differ(a->birth_given_names, b->birth_given_names) || differ(a->sex, b->sex) ||
	       differ(a->birth_date, b->birth_date) ||
	       differ(a->birth_place_code, b->birth_place_code);
}
