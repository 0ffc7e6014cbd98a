/* SPDX-License-Identifier: EUPL-1.2 */
/* Retained times and distances (see telegestion.h). */
#include "domain/telegestion.h"

#include <math.h>
#include <stddef.h>

#include "domain/localtime.h"

static int64_t
round_to(int64_t us, int minutes)
{
	int64_t step = (int64_t)minutes * LIA_MINUTE_US;
	int64_t q = us / step, r = us % step;
	return (r * 2 >= step ? q + 1 : q) * step; /* instants are positive: no sign care */
}

/* One end of the retained period: the clocked time snapped to the planned one within
 * the tolerance, else rounded by the rule. */
static int64_t
retain(const struct lia_planning_settings *s, int64_t clocked, int64_t planned)
{
	int64_t tol = (int64_t)s->tolerance_min * LIA_MINUTE_US;
	int64_t diff = clocked > planned ? clocked - planned : planned - clocked;
	if (diff <= tol)
		return planned;
	/* At least whole minutes: funders count minutes. */
	return round_to(clocked, s->rounding_min > 1 ? s->rounding_min : 1);
}

void
lia_retained_compute(const struct lia_planning_settings *s, const struct lia_clocking *c,
		     struct lia_retained *out)
{
	bool in = c->in_at && c->in_certified, done = c->out_at && c->out_certified;
	int64_t planned_len = c->planned_end - c->planned_start;
	out->code = NULL;
	if (c->created_after && !c->in_at && !c->out_at) {
		out->start = c->planned_start;
		out->end = c->planned_end;
		out->code = "CRE";
		return;
	}
	/* A missing or coordinator-entered end is taken as entered, else as planned. */
	out->start = in ? retain(s, c->in_at, c->planned_start)
			: (c->in_at ? round_to(c->in_at, 1) : c->planned_start);
	if (done)
		out->end = retain(s, c->out_at, c->planned_end);
	else
		out->end = c->out_at ? round_to(c->out_at, 1) : out->start + planned_len;
	if (out->end < out->start)
		out->end = out->start;
	if (!in && !done)
		out->code = "CO2";
	else if (!in)
		out->code = "COA";
	else if (!done)
		out->code = "COD";
}

double
lia_distance_m(double lat1, double lon1, double lat2, double lon2)
{
	const double r = 6371008.8, rad = M_PI / 180.0; /* mean Earth radius (IUGG) */
	double dlat = (lat2 - lat1) * rad, dlon = (lon2 - lon1) * rad;
	double h = sin(dlat / 2) * sin(dlat / 2) +
		   cos(lat1 * rad) * cos(lat2 * rad) * sin(dlon / 2) * sin(dlon / 2);
	return 2 * r * asin(sqrt(h < 1 ? h : 1));
}
