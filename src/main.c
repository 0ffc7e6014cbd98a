/* SPDX-License-Identifier: EUPL-1.2 */
/* The `liaison` command (placeholder until the CLI lands). */
#include <stdio.h>

int
main(void)
{
	printf("liaison %s\n", LIA_VERSION);
	return 0;
}
