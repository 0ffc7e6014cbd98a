/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Standalone driver for the fuzz targets (as libgit2's): runs LLVMFuzzerTestOneInput
 * on every file of the directories given, so that the corpora are replayed under
 * ASan/UBSan in `make test` without libFuzzer. Prints "N passed, 0 failed"; a crash
 * or sanitizer report ends the program with a non-zero status.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	struct stat st;
	if (fstat(fileno(f), &st) != 0) {
		fclose(f);
		return -1;
	}
	size_t n = (size_t)st.st_size;
	uint8_t *buf = malloc(n ? n : 1);
	if (!buf || fread(buf, 1, n, f) != n) {
		free(buf);
		fclose(f);
		return -1;
	}
	fclose(f);
	LLVMFuzzerTestOneInput(buf, n);
	free(buf);
	return 0;
}

int
main(int argc, char **argv)
{
	long count = 0, errors = 0;
	for (int i = 1; i < argc; i++) {
		DIR *d = opendir(argv[i]);
		if (!d) {
			if (run_file(argv[i]) == 0)
				count++;
			else
				errors++;
			continue;
		}
		struct dirent *e;
		while ((e = readdir(d)) != NULL) {
			if (e->d_name[0] == '.')
				continue;
			char path[4096];
			snprintf(path, sizeof path, "%s/%s", argv[i], e->d_name);
			if (run_file(path) == 0)
				count++;
			else
				errors++;
		}
		closedir(d);
	}
	printf("%ld passed, %ld failed\n", count, errors);
	return errors ? 1 : 0;
}
