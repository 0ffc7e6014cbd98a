#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
# Prints the migration files (sql/sqlite/*.sql then sql/pg/*.sql), one per line,
# relative to the source root, for meson.
import pathlib, sys
root = pathlib.Path(sys.argv[1])
for backend in ("sqlite", "pg"):
    for f in sorted((root / "sql" / backend).glob("[0-9][0-9][0-9][0-9]-*.sql")):
        print(f.relative_to(root))
