/* child_pdf.c: the child's file on A4 (libharu, WenQuanYi Zen Hei embedded, UTF-8) and a
 * village's files as a zip of PDFs (libzip). Numbers appear masked exactly as in the file, and
 * not at all for volunteers. Files are read in one read transaction, drawn with no connection
 * held, and the export is audited after (so the audit row says how it ended; nothing leaves
 * without it). */
#include <ctype.h>
#include <hpdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "app/child_docs.h"
#include "app/child_input.h"
#include "app/child_rules.h"
#include "common/buf.h"
#include "common/log.h"
#include "common/timeutil.h"
#include "domain/region.h"


#define PAGE_W 595.276f   /* A4 in points */
#define PAGE_H 841.89f
#define LEFT 48.0f
#define RIGHT (PAGE_W - 48.0f)
#define WIDTH (RIGHT - LEFT)
#define TOP (PAGE_H - 62.0f)
#define BOTTOM 58.0f
#define PAD 4.0f
#define SIZE 9.5f          /* body text */
#define LEAD 13.5f         /* line height of body text */
#define LABEL_W 76.0f      /* the label column of a key–value grid */

struct cell {
	const char *text;
	float w;
	int shade, red;
};

struct pdf {
	HPDF_Doc doc;
	HPDF_Page page;
	HPDF_Font font;
	struct arena *a;
	float y;               /* the top of the free space on the page */
	int pages, failed;
	const char *title, *printed, *mark;
	const struct cell *thead;   /* a table's header row, repeated after a page break */
	int nthead;
};

static void on_error(HPDF_STATUS err, HPDF_STATUS detail, void *user)
{
	struct pdf *p = user;
	if (!p->failed)
		log_error("libharu error 0x%04X (detail %u)", (unsigned)err, (unsigned)detail);
	p->failed = 1;
}

/* ---- drawing ---- */

static float text_width(struct pdf *p, const char *s, size_t len, float size)
{
	HPDF_TextWidth tw = HPDF_Font_TextWidth(p->font, (const HPDF_BYTE *)s, (HPDF_UINT)len);
	return (float)tw.width * size / 1000.0f;
}

static void put(struct pdf *p, float x, float y, float size, const char *s)
{
	if (!s || !*s)
		return;
	HPDF_Page_BeginText(p->page);
	HPDF_Page_SetFontAndSize(p->page, p->font, size);
	HPDF_Page_TextOut(p->page, x, y, s);
	HPDF_Page_EndText(p->page);
}

/* Text as if bold: filled and stroked (one font file has no bold face). */
static void put_bold(struct pdf *p, float x, float y, float size, const char *s)
{
	HPDF_Page_SetTextRenderingMode(p->page, HPDF_FILL_THEN_STROKE);
	HPDF_Page_SetLineWidth(p->page, size / 30.0f);
	put(p, x, y, size, s);
	HPDF_Page_SetTextRenderingMode(p->page, HPDF_FILL);
	HPDF_Page_SetLineWidth(p->page, 0.6f);
}

/* Splits s into lines no wider than w (at any character; at line breaks too). */
static int wrap(struct pdf *p, const char *s, float size, float w, const char ***lines)
{
	if (!s || !*s)
		s = "—";
	size_t len = strlen(s);
	*lines = arena_alloc(p->a, sizeof(char *) * (len + 2));
	int n = 0;
	const char *start = s, *word = NULL;   /* word: where a run of ASCII letters and digits began */
	float at = 0, word_at = 0;
	for (const char *q = s; *q;) {
		unsigned char ch = (unsigned char)*q;
		size_t clen = ch < 0x80 ? 1 : ch >= 0xF0 ? 4 : ch >= 0xE0 ? 3 : 2;
		if (*q == '\n' || *q == '\r') {
			(*lines)[n++] = arena_strndup(p->a, start, (size_t)(q - start));
			q += (*q == '\r' && q[1] == '\n') ? 2 : 1;
			start = q;
			word = NULL;
			at = 0;
			continue;
		}
		int alnum = ch < 0x80 && isalnum(ch);
		if (!alnum)
			word = NULL;
		else if (!word) {
			word = q;
			word_at = at;
		}
		float cw = text_width(p, q, clen, size);
		/* closing punctuation stays at the end of its line (避头点) */
		int closing = clen == 3 &&
			      strstr("，。；：、）」』！？", arena_strndup(p->a, q, 3)) != NULL;
		if (at + cw > w && q > start && !(closing && at + cw <= w + size)) {
			/* a number or a word moves to the next line whole, unless it fills a line */
			const char *cut = alnum && word && word > start ? word : q;
			(*lines)[n++] = arena_strndup(p->a, start, (size_t)(cut - start));
			at = cut == word ? at - word_at : 0;
			start = cut;
			word_at = 0;
		}
		at += cw;
		q += clen;
	}
	if (*start || n == 0)
		(*lines)[n++] = arena_strdup(p->a, start);
	return n;
}

static void fill_rect(struct pdf *p, float x, float y, float w, float h, float gray)
{
	HPDF_Page_SetGrayFill(p->page, gray);
	HPDF_Page_Rectangle(p->page, x, y, w, h);
	HPDF_Page_Fill(p->page);
	HPDF_Page_SetGrayFill(p->page, 0);
}

static void draw_cells(struct pdf *p, const struct cell *cells, int n, const char ***lines,
		       const int *nlines, int from, int take, float h);

static void new_page(struct pdf *p)
{
	p->page = HPDF_AddPage(p->doc);
	HPDF_Page_SetSize(p->page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
	p->pages++;
	/* a faint diagonal mark naming who printed it, under everything */
	HPDF_Page_SetGrayFill(p->page, 0.92f);
	HPDF_Page_BeginText(p->page);
	HPDF_Page_SetFontAndSize(p->page, p->font, 26);
	const float c = 0.8776f, s = 0.4794f;   /* cos and sin of 0.5 rad */
	for (int i = 0; i < 3; i++) {
		HPDF_Page_SetTextMatrix(p->page, c, s, -s, c, 90, 170 + 240.0f * (float)i);
		HPDF_Page_ShowText(p->page, p->mark);
	}
	HPDF_Page_EndText(p->page);
	HPDF_Page_SetGrayFill(p->page, 0);
	/* running head and foot */
	HPDF_Page_SetGrayFill(p->page, 0.35f);
	put(p, LEFT, PAGE_H - 36, 8, p->title);
	put(p, LEFT, BOTTOM - 26, 8, p->printed);
	const char *no = arena_printf(p->a, "第 %d 页", p->pages);
	put(p, (PAGE_W - text_width(p, no, strlen(no), 8)) / 2, BOTTOM - 26, 8, no);
	const char *secret = "内部资料  注意保密";
	put(p, RIGHT - text_width(p, secret, strlen(secret), 8), BOTTOM - 26, 8, secret);
	HPDF_Page_SetGrayFill(p->page, 0);
	HPDF_Page_SetGrayStroke(p->page, 0.6f);
	HPDF_Page_SetLineWidth(p->page, 0.5f);
	HPDF_Page_MoveTo(p->page, LEFT, PAGE_H - 42);
	HPDF_Page_LineTo(p->page, RIGHT, PAGE_H - 42);
	HPDF_Page_MoveTo(p->page, LEFT, BOTTOM - 14);
	HPDF_Page_LineTo(p->page, RIGHT, BOTTOM - 14);
	HPDF_Page_Stroke(p->page);
	HPDF_Page_SetGrayStroke(p->page, 0);
	HPDF_Page_SetLineWidth(p->page, 0.6f);
	p->y = TOP;
	if (p->thead) {
		const char **lines[16];
		int nl[16], max = 1;
		for (int i = 0; i < p->nthead && i < 16; i++) {
			nl[i] = wrap(p, p->thead[i].text, SIZE, p->thead[i].w - 2 * PAD, &lines[i]);
			max = nl[i] > max ? nl[i] : max;
		}
		float h = (float)max * LEAD + 2 * PAD;
		draw_cells(p, p->thead, p->nthead, lines, nl, 0, max, h);
		p->y -= h;
	}
}

static void need(struct pdf *p, float h)
{
	if (p->y - h < BOTTOM)
		new_page(p);
}

static void draw_cells(struct pdf *p, const struct cell *cells, int n, const char ***lines,
		       const int *nlines, int from, int take, float h)
{
	float x = LEFT;
	for (int i = 0; i < n; i++) {
		if (cells[i].shade)
			fill_rect(p, x, p->y - h, cells[i].w, h, 0.93f);
		HPDF_Page_Rectangle(p->page, x, p->y - h, cells[i].w, h);
		HPDF_Page_Stroke(p->page);
		if (cells[i].red)
			HPDF_Page_SetRGBFill(p->page, 0.75f, 0, 0);
		for (int k = 0; k < take && from + k < nlines[i]; k++) {
			float base = p->y - PAD - (float)(k + 1) * LEAD + 3.5f;
			put(p, x + PAD, base, SIZE, lines[i][from + k]);
		}
		if (cells[i].red)
			HPDF_Page_SetGrayFill(p->page, 0);
		x += cells[i].w;
	}
}

/* One row of a table; a row taller than what is left of the page goes on over the break. */
static void row(struct pdf *p, const struct cell *cells, int n)
{
	const char **lines[16];
	int nl[16], max = 1;
	for (int i = 0; i < n && i < 16; i++) {
		nl[i] = wrap(p, cells[i].text, SIZE, cells[i].w - 2 * PAD, &lines[i]);
		max = nl[i] > max ? nl[i] : max;
	}
	int done = 0;
	while (done < max) {
		int fit = (int)((p->y - BOTTOM - 2 * PAD) / LEAD);
		int left = max - done;
		if (fit < 1 || (fit < left && fit < 3)) {   /* keep short rows whole */
			new_page(p);
			continue;
		}
		int take = left < fit ? left : fit;
		float h = (float)take * LEAD + 2 * PAD;
		draw_cells(p, cells, n, lines, nl, done, take, h);
		p->y -= h;
		done += take;
		if (done < max)
			new_page(p);
	}
}

/* Two label–value pairs side by side, or one across the page when b_label is NULL. */
static void pairs(struct pdf *p, const char *a_label, const char *a, const char *b_label,
		  const char *b)
{
	float half = WIDTH / 2;
	if (!b_label) {
		struct cell c[2] = { { a_label, LABEL_W, 1, 0 }, { a, WIDTH - LABEL_W, 0, 0 } };
		row(p, c, 2);
		return;
	}
	struct cell c[4] = {
		{ a_label, LABEL_W, 1, 0 }, { a, half - LABEL_W, 0, 0 },
		{ b_label, LABEL_W, 1, 0 }, { b, half - LABEL_W, 0, 0 },
	};
	row(p, c, 4);
}

static void section(struct pdf *p, const char *title)
{
	p->thead = NULL;
	need(p, 24 + 3 * LEAD);
	p->y -= 8;
	fill_rect(p, LEFT, p->y - 18, WIDTH, 18, 0.82f);
	put_bold(p, LEFT + PAD, p->y - 13.5f, 11, title);
	p->y -= 18;
}

static void para(struct pdf *p, const char *s, int red)
{
	const char **lines;
	int n = wrap(p, s, SIZE, WIDTH - 2 * PAD, &lines);
	if (red)
		HPDF_Page_SetRGBFill(p->page, 0.75f, 0, 0);
	for (int i = 0; i < n; i++) {
		if (p->y - LEAD < BOTTOM) {
			new_page(p);
			if (red)
				HPDF_Page_SetRGBFill(p->page, 0.75f, 0, 0);
		}
		put(p, LEFT + PAD, p->y - LEAD + 3.5f, SIZE, lines[i]);
		p->y -= LEAD;
	}
	HPDF_Page_SetGrayFill(p->page, 0);
}

/* ---- the file ---- */

static const char *or_dash(const char *s)
{
	return s && *s ? s : "—";
}

static const char *yes_no(int v)
{
	return v ? "是" : "否";
}

static const char *named(const char *dict, const char *code)
{
	const char *n = dict_name(dict, code);
	return n ? n : or_dash(code);
}

static const char *when(struct arena *a, int64_t ms)
{
	if (!ms)
		return "—";
	char s[32];
	cst_format(ms, s);
	s[16] = 0;   /* "YYYY-MM-DDTHH:MM" */
	s[10] = ' ';
	return arena_strdup(a, s);
}

static const char *grade_text(struct arena *a, const char *kind, int grade)
{
	static const char *const g[] = { "", "一级", "二级", "三级", "四级" };
	const char *k = dict_name("disability_kinds", kind);
	if (!k && !grade)
		return "—";
	return arena_printf(a, "%s%s", k ? k : "", grade >= 1 && grade <= 4 ? g[grade] : "");
}

static const char *number(const struct child_file *f, const char *masked)
{
	return f->show_numbers ? or_dash(masked) : "（无权查看）";
}

static const char *member_note(struct arena *a, const struct member_row *m)
{
	struct buf b;
	buf_init(&b, 4096);
	buf_puts(&b, "");
	if (m->away_place && *m->away_place)
		buf_printf(&b, "%s%s", m->away_place, m->outside_county ? "（县外）" : "（县内）");
	if (m->since && *m->since)
		buf_printf(&b, "%s自%s起", b.len ? "，" : "", m->since);
	if (m->months)
		buf_printf(&b, "%s期限%d个月", b.len ? "，" : "", m->months);
	if (m->disability_kind || m->disability_grade)
		buf_printf(&b, "%s%s", b.len ? "，" : "",
			   grade_text(a, m->disability_kind, m->disability_grade));
	if (m->work_place && *m->work_place)
		buf_printf(&b, "%s工作单位：%s", b.len ? "，" : "", m->work_place);
	const char *s = arena_strdup(a, b.len ? b.data : "—");
	buf_free(&b);
	return s;
}

static void draw_file(struct pdf *p, const struct child_file *f)
{
	struct arena *a = p->a;
	const struct child_row *c = &f->c;
	struct cdate birth, today = cdate_from_ms(clock_now_ms());
	int age = cdate_parse(c->birth_date, &birth) == 0 ? cdate_age(birth, today) : -1;
	int exited = c->status && strcmp(c->status, "exited") == 0;

	new_page(p);
	const char *title = "儿童信息档案";
	put_bold(p, (PAGE_W - text_width(p, title, strlen(title), 20)) / 2, p->y - 22, 20, title);
	p->y -= 34;
	HPDF_Page_SetGrayFill(p->page, 0.3f);
	const char *sub = arena_printf(a, "档案编号：%lld　　状态：%s　　建档：%s　　最后更新：%s",
				       (long long)c->id, exited ? "已退出关爱" : "在册",
				       when(a, c->created_at), when(a, c->updated_at));
	put(p, (PAGE_W - text_width(p, sub, strlen(sub), 9)) / 2, p->y - 10, 9, sub);
	HPDF_Page_SetGrayFill(p->page, 0);
	p->y -= 18;

	section(p, "一、基本信息");
	pairs(p, "姓名", c->name, "性别", named("sexes", c->sex));
	pairs(p, "出生日期", c->birth_date, "年龄", age >= 0 ? arena_printf(a, "%d周岁", age) : "—");
	pairs(p, "身份证号码", number(f, c->id_masked), "民族", or_dash(c->ethnicity));
	pairs(p, "乡镇（街道）", or_dash(c->town_name), "村（社区）", or_dash(c->region_name));
	pairs(p, "户口性质", named("hukou_types", c->hukou_type), "户口登记",
	      c->hukou_registered ? "已登记" : "未登记");
	pairs(p, "户籍地址", or_dash(c->hukou_address), NULL, NULL);
	pairs(p, "现住址", or_dash(c->current_address), NULL, NULL);
	pairs(p, "健康状况", named("health", c->health), "残疾类别等级",
	      grade_text(a, c->disability_kind, c->disability_grade));
	pairs(p, "所患疾病", or_dash(c->illness), NULL, NULL);
	pairs(p, "就学阶段", named("school_stages", c->school_stage), "在校情况",
	      named("schooling_statuses", c->schooling_status));
	pairs(p, "学校", or_dash(c->school_name), "年级", or_dash(c->school_grade));
	pairs(p, "是否寄宿", yes_no(c->boarding), "家庭经济状况", named("economic", c->economic));
	pairs(p, "父母离异", yes_no(c->parents_divorced), "遭受侵害", yes_no(c->harmed));
	pairs(p, "严重不良行为", yes_no(c->misbehaviour), "儿童主任", or_dash(c->director_name));
	pairs(p, "监护情况", or_dash(c->guardianship_note), NULL, NULL);
	pairs(p, "备注", or_dash(c->notes), NULL, NULL);

	section(p, "二、家庭成员");
	if (f->nmembers == 0) {
		para(p, "（未登记家庭成员）", 0);
	} else {
		static const float w[7] = { 44, 48, 60, 112, 72, 56, 0 };
		struct cell head[7] = {
			{ "关系", w[0], 1, 0 }, { "姓名", w[1], 1, 0 }, { "出生日期", w[2], 1, 0 },
			{ "身份证号码", w[3], 1, 0 }, { "电话", w[4], 1, 0 }, { "状况", w[5], 1, 0 },
			{ "外出地点及说明", WIDTH - 392, 1, 0 },
		};
		need(p, 3 * LEAD);
		row(p, head, 7);
		p->thead = head;
		p->nthead = 7;
		for (int i = 0; i < f->nmembers; i++) {
			const struct member_row *m = &f->members[i];
			struct cell r[7] = {
				{ named("relations", m->relation), w[0], 0, 0 },
				{ m->name, w[1], 0, 0 },
				{ or_dash(m->birth_date), w[2], 0, 0 },
				{ number(f, m->id_masked), w[3], 0, 0 },
				{ number(f, m->phone_masked), w[4], 0, 0 },
				{ named("member_statuses", m->status), w[5], 0, 0 },
				{ member_note(a, m), WIDTH - 392, 0, 0 },
			};
			row(p, r, 7);
		}
		p->thead = NULL;
	}

	section(p, "三、委托照护人");
	if (!f->has_caregiver) {
		para(p, "（无委托照护人）", 0);
	} else {
		const struct caregiver_row *cg = &f->cg;
		pairs(p, "姓名", cg->name, "与儿童关系", or_dash(cg->relation));
		pairs(p, "电话", number(f, cg->phone_masked), "身份证号码", number(f, cg->id_masked));
		pairs(p, "住址", or_dash(cg->address), NULL, NULL);
		pairs(p, "委托协议日期", or_dash(cg->agreement_date), "书面告知",
		      arena_printf(a, "学校：%s；村（居）委会：%s", yes_no(cg->school_notified),
				   yes_no(cg->village_notified)));
		struct buf b;
		buf_init(&b, 8192);
		buf_puts(&b, "");
		char *list = arena_strdup(a, cg->checks ? cg->checks : ""), *save = NULL;
		for (char *t = strtok_r(list, ",", &save); t; t = strtok_r(NULL, ",", &save))
			buf_printf(&b, "%s%s", b.len ? "；" : "", named("caregiver_checks", t));
		pairs(p, "不得委托情形", b.len ? arena_strdup(a, b.data) : "无", NULL, NULL);
		buf_free(&b);
		if (f->ncg_warnings) {
			p->y -= 4;
			para(p, "提示：", 1);
			for (int i = 0; i < f->ncg_warnings; i++)
				para(p, arena_printf(a, "！%s", f->cg_warnings[i]), 1);
		}
	}

	section(p, "四、认定类别");
	if (f->nreasons == 0) {
		para(p, "按登记信息，该儿童不属于任何关爱类别。", 0);
	} else {
		struct cell head[2] = { { "类别", 150, 1, 0 }, { "认定依据", WIDTH - 150, 1, 0 } };
		need(p, 3 * LEAD);
		row(p, head, 2);
		p->thead = head;
		p->nthead = 2;
		for (int i = 0; i < f->nreasons; i++) {
			struct cell r[2] = { { category_name(f->reasons[i].cat), 150, 0, 0 },
					     { f->reasons[i].rule, WIDTH - 150, 0, 0 } };
			row(p, r, 2);
		}
		p->thead = NULL;
	}
	p->y -= 4;
	const char *recorded =
		c->recorded_categories ? categories_text(a, c->recorded_categories) : "无";
	para(p, arena_printf(a, "村（社区）记录类别：%s", recorded), 0);
	if (f->missing || f->extra) {
		struct buf b;
		buf_init(&b, 8192);
		buf_puts(&b, "系统认定与记录类别不一致：");
		if (f->missing)
			buf_printf(&b, "未记录 %s", categories_text(a, f->missing));
		if (f->extra)
			buf_printf(&b, "%s记录但未认定 %s", f->missing ? "；" : "",
				   categories_text(a, f->extra));
		para(p, b.data, 1);
		buf_free(&b);
	}

	section(p, "五、退出关爱");
	if (exited) {
		pairs(p, "退出原因", named("exit_reasons", c->exit_reason), "退出日期",
		      or_dash(c->exit_date));
		pairs(p, "说明", or_dash(c->exit_note), NULL, NULL);
	} else {
		para(p, "在册，未退出关爱。", 0);
	}

	need(p, 2.8f * LEAD);
	p->y -= 1.5f * LEAD;
	para(p, "儿童主任（签字）：＿＿＿＿＿＿＿＿　　　　审核人（签字）：＿＿＿＿＿＿＿＿"
		"　　　　日期：＿＿＿＿＿＿", 0);
}

/* Draws a file into a malloc'd PDF (the caller frees it). */
static int render(struct ctx *c, const struct child_file *f, unsigned char **out, size_t *len,
		  struct err *e)
{
	struct pdf p = { .a = c->a };
	*out = NULL;
	const char *font = c->app->cfg.cjk_font;   /* default: Debian's fonts-wqy-zenhei */
	if (access(font, R_OK) != 0) {
		log_error("cannot read the CJK font %s (setting cjk_font)", font);
		return err_set(e, ST_INTERNAL, NULL, "生成PDF失败：缺少中文字体");
	}
	p.doc = HPDF_New(on_error, &p);
	if (!p.doc)
		return err_set(e, ST_INTERNAL, NULL, "生成PDF失败");
	HPDF_SetCompressionMode(p.doc, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(p.doc);
	HPDF_SetCurrentEncoder(p.doc, "UTF-8");
	const char *name = HPDF_LoadTTFontFromFile2(p.doc, font, 0, HPDF_TRUE);
	p.font = name ? HPDF_GetFont(p.doc, name, "UTF-8") : NULL;
	const char *who = c->who && c->who->username ? c->who->username : "system";
	char day[11];
	cdate_format(cdate_from_ms(clock_now_ms()), day);
	p.title = arena_printf(c->a, "儿童信息档案（一人一档）　%s　档案编号 %lld", f->c.name,
			       (long long)f->c.id);
	const char *printer = c->who && c->who->display_name ? c->who->display_name : "";
	p.printed = arena_printf(c->a, "打印：%s %s", printer, when(c->a, clock_now_ms()));
	p.mark = arena_printf(c->a, "%s  %s  内部资料", who, day);
	if (p.font && !p.failed) {
		HPDF_SetInfoAttr(p.doc, HPDF_INFO_CREATOR, "shouhu");
		HPDF_SetInfoAttr(p.doc, HPDF_INFO_TITLE, "儿童信息档案");
		draw_file(&p, f);
	}
	if (!p.failed && HPDF_SaveToStream(p.doc) == HPDF_OK) {
		HPDF_UINT32 size = HPDF_GetStreamSize(p.doc);
		*out = malloc(size ? size : 1);
		HPDF_UINT32 got = size;
		if (!*out || HPDF_ReadFromStream(p.doc, *out, &got) > HPDF_STREAM_EOF || got != size)
			p.failed = 1;
		*len = size;
	} else {
		p.failed = 1;
	}
	HPDF_Free(p.doc);
	if (p.failed) {
		free(*out);
		*out = NULL;
		return err_set(e, ST_INTERNAL, NULL, "生成PDF失败");
	}
	return ST_OK;
}

/* "姓名-id.pdf" with nothing a file system would take as a path. */
static const char *pdf_name(struct arena *a, const struct child_row *c)
{
	char *name = arena_printf(a, "%s-%lld.pdf", c->name, (long long)c->id);
	for (char *s = name; *s; s++)
		if (*s == '/' || *s == '\\' || (unsigned char)*s < 0x20 || *s == ':' || *s == '*' ||
		    *s == '?' || *s == '"' || *s == '<' || *s == '>' || *s == '|')
			*s = '_';
	return name;
}

/* Opens a read transaction for loading files (no write lock is held while drawing). */
static struct db *read_begin(struct ctx *c, struct err *e)
{
	struct db *db = store_acquire(c->app->store);
	if (tx_begin(db, 0) != ST_OK) {
		store_release(c->app->store, db);
		err_set(e, ST_DB, NULL, "数据库暂时不可用，请稍后再试");
		return NULL;
	}
	return db;
}

static void read_end(struct ctx *c, struct db *db)
{
	tx_rollback(db);
	store_release(c->app->store, db);
}

/* Writes the audit row of an export (success, failure or denial) in its own transaction. */
static int audit_export(struct ctx *c, int st, struct action *act, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	return app_finish(c, db, st, act, e);
}

int children_pdf(struct ctx *c, int64_t id, char **pdf, size_t *len, const char **filename,
		 struct err *e)
{
	struct action act = { .name = "child.pdf", .object_type = "child" };
	snprintf(act.object_id, sizeof act.object_id, "%lld", (long long)id);
	struct child_file f;
	int st = app_require(c, PERM_CHILD_READ, e);
	if (!st) {
		struct db *db = read_begin(c, e);
		if (!db)
			return ST_DB;
		st = child_load_file(c, db, id, &f, e);
		read_end(c, db);
	}
	unsigned char *bytes = NULL;
	if (!st) {
		act.region_code = f.c.region_code;
		st = render(c, &f, &bytes, len, e);
	}
	if (!st) {
		*pdf = arena_alloc(c->a, *len + 1);
		memcpy(*pdf, bytes, *len);
		*filename = pdf_name(c->a, &f.c);
	}
	free(bytes);
	return audit_export(c, st, &act, e);
}

/* The zip is written to a private temporary file, so the PDFs (freed by libzip once written)
 * and the finished archive are never in memory at the same time. */
int children_pdf_zip(struct ctx *c, const char *region, char **zip, size_t *len,
		     const char **filename, struct err *e)
{
	struct action act = { .name = "child.pdf_zip", .object_type = "child",
			      .region_code = c->who ? c->who->region_code : 0 };
	struct arena *a = c->a;
	struct child_file *files = NULL;
	struct child_row *rows = NULL;
	int n = 0;
	int st = app_require(c, PERM_CHILD_EXPORT, e);
	if (!st && (!region || !*region))
		st = err_set(e, ST_INVALID, "region", "请选择村（社区）");
	if (!st) {
		struct db *db = read_begin(c, e);
		if (!db)
			return ST_DB;
		struct child_filter cf;
		memset(&cf, 0, sizeof cf);
		cf.scope = c->who->scope;
		cf.status = "active";
		cf.sort = "name";
		int64_t code = 0, total = 0;
		st = regions_in_scope(c, db, "region", region, &code, &cf.within, e);
		if (!st && region_level(code) != REGION_VILLAGE)
			st = err_set(e, ST_INVALID, "region", "请选择一个村（社区）");
		struct region_row village;
		if (!st && st_region_get(db, a, &c->who->scope, code, &village) == ST_OK) {
			const char *town = village.parent_name ? village.parent_name : "";
			*filename = arena_printf(a, "%s%s-儿童档案.zip", town, village.name);
		}
		act.region_code = code ? code : act.region_code;
		if (!st)
			st = st_child_list(db, a, &cf, (struct page){ 0, PDF_ZIP_MAX }, &rows, &n,
					   &total);
		if (!st && total > PDF_ZIP_MAX)
			st = err_set(e, ST_INVALID, "region",
				     "该村（社区）在册儿童超过%d人，无法一次导出", PDF_ZIP_MAX);
		if (!st && n == 0)
			st = err_set(e, ST_INVALID, "region", "该村（社区）没有在册儿童");
		files = st ? NULL : arena_alloc(a, sizeof *files * (size_t)n);
		for (int i = 0; !st && i < n; i++)
			st = child_load_file(c, db, rows[i].id, &files[i], e);
		read_end(c, db);
	}
	char path[] = "/tmp/shouhu-zip-XXXXXX";
	int fd = st ? -1 : mkstemp(path);
	if (!st && fd < 0)
		st = err_set(e, ST_INTERNAL, NULL, "导出失败：无法创建临时文件");
	if (fd >= 0)
		close(fd);
	int zerr = 0;
	zip_t *z = st ? NULL : zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
	if (!st && !z)
		st = err_set(e, ST_INTERNAL, NULL, "导出失败");
	for (int i = 0; !st && i < n; i++) {
		unsigned char *bytes;
		size_t blen;
		st = render(c, &files[i], &bytes, &blen, e);
		if (st)
			break;
		zip_source_t *src = zip_source_buffer(z, bytes, blen, 1);   /* frees bytes */
		if (!src) {
			free(bytes);
			st = err_set(e, ST_INTERNAL, NULL, "导出失败");
			break;
		}
		zip_int64_t idx = zip_file_add(z, pdf_name(a, &files[i].c), src, ZIP_FL_ENC_UTF_8);
		if (idx < 0) {
			zip_source_free(src);
			st = err_set(e, ST_INTERNAL, NULL, "导出失败");
		} else {
			/* a PDF is compressed already */
			zip_set_file_compression(z, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
		}
	}
	if (z && !st && zip_close(z) != 0) {
		log_error("zip: %s", zip_strerror(z));
		st = err_set(e, ST_INTERNAL, NULL, "导出失败");
	}
	if (z && st)
		zip_discard(z);
	if (!st) {
		FILE *fp = fopen(path, "rb");
		long size = fp && fseek(fp, 0, SEEK_END) == 0 ? ftell(fp) : -1;
		if (size >= 0) {
			rewind(fp);
			*zip = arena_alloc(a, (size_t)size + 1);
			*len = (size_t)size;
			if (fread(*zip, 1, (size_t)size, fp) != (size_t)size)
				size = -1;
		}
		if (fp)
			fclose(fp);
		if (size < 0)
			st = err_set(e, ST_INTERNAL, NULL, "导出失败");
	}
	if (fd >= 0)
		unlink(path);
	if (!st)
		act.detail = arena_printf(a, "files=%d", n);
	return audit_export(c, st, &act, e);
}
