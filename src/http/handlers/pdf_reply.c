/* SPDX-License-Identifier: EUPL-1.2 */
/* Answering with a printed document (see pdf_reply.h). */
#include "http/handlers/pdf_reply.h"

#include <stdlib.h>

#include "core/log.h"

void
lia_reply_pdf(struct lia_req *r, cJSON *view, lia_pdf_render_fn render, const char *filename)
{
	struct lia_pdf_buf buf = {0};
	int st = render(view, r->french, lia_pdf_buf_write, &buf);
	cJSON_Delete(view);
	if (st != LIA_PDF_OK) {
		free(buf.data);
		lia_log(LIA_LOG_ERROR, "pdf.render_failed", "request_id=%s file=%s status=%d",
			r->request_id, filename, st);
		lia_req_audit_failed(r, "render_failed");
		lia_reply_error(r, LIA_P_INTERNAL_ERROR);
		return;
	}
	lia_reply_bytes(r, 200, "application/pdf", buf.data, buf.len);
	free(buf.data);
	lia_reply_header(r, "Content-Disposition",
			 lia_arena_printf(r->arena, "inline; filename=\"%s\"", filename));
	lia_reply_header(r, "Cache-Control", "no-store");
}
