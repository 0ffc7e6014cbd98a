/* SPDX-License-Identifier: EUPL-1.2 */
/* `liaison routes`: the route table, the access policy and the error registry as
 * Markdown; docs/api.md embeds this output and a test checks it stays in step. */
#include <stdio.h>

#include "cli/cli.h"
#include "core/errors.h"
#include "domain/policy.h"
#include "http/routes.h"

int
lia_cmd_routes(int argc, char **argv)
{
	if (lia_arg_help(argc, argv)) {
		printf("Usage: liaison routes\n\nPrints endpoints, access policy and error codes as Markdown.\n");
		return 0;
	}
	(void)argv;
	printf("### Endpoints\n\n");
	lia_routes_print_markdown(stdout);
	printf("\n### Access policy (client data)\n\n");
	lia_policy_print_markdown(stdout);
	printf("\n### Problem codes\n\n| code | HTTP status | title (fr) | title (en) |\n|---|---|---|---|\n");
	for (int k = 1; k < LIA_P_COUNT; k++)
		printf("| `%s` | %d | %s | %s |\n", lia_problem_code((enum lia_problem_kind)k),
		       lia_problem_status((enum lia_problem_kind)k),
		       lia_problem_title((enum lia_problem_kind)k, 1),
		       lia_problem_title((enum lia_problem_kind)k, 0));
	printf("\n### Field error codes\n\n| code | meaning |\n|---|---|\n");
	for (int e = 0; e < LIA_FE_COUNT; e++)
		printf("| `%s` | %s |\n", lia_field_error_code((enum lia_field_error)e),
		       lia_field_error_meaning((enum lia_field_error)e));
	return 0;
}
