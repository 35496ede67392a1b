/* child_rules.c: code values of the child's file and the rules its use cases share. */
#include "app/child_rules.h"

#include <stdio.h>

#include "common/buf.h"
#include <string.h>

#include "domain/idcard.h"

#define DICT(n) { n, sizeof n / sizeof n[0] }

static const struct code_name sexes[] = { { "M", "男" }, { "F", "女" } };
static const struct code_name hukou_types[] = { { "rural", "农业户口" }, { "urban", "非农业户口" } };
static const struct code_name health[] = {
	{ "healthy", "健康" }, { "disabled", "残疾" }, { "ill", "患病" },
};
static const struct code_name school_stages[] = {
	{ "none", "未入学" }, { "kindergarten", "幼儿园" }, { "primary", "小学" },
	{ "junior", "初中" }, { "senior", "高中" }, { "vocational", "中职" },
};
static const struct code_name schooling_statuses[] = {
	{ "in_school", "在校" }, { "dropped_out", "辍学" }, { "not_in_school", "未在校" },
};
static const struct code_name economic[] = {
	{ "none", "无" }, { "dibao", "低保" }, { "tekun", "特困" }, { "low_margin", "低保边缘" },
};
static const struct code_name relations[] = {
	{ "father", "父亲" }, { "mother", "母亲" }, { "grandfather_p", "祖父" },
	{ "grandmother_p", "祖母" }, { "grandfather_m", "外祖父" }, { "grandmother_m", "外祖母" },
	{ "sibling", "兄弟姐妹" }, { "other", "其他" },
};
static const struct code_name disability_kinds[] = {
	{ "visual", "视力残疾" }, { "hearing", "听力残疾" }, { "speech", "言语残疾" },
	{ "physical", "肢体残疾" }, { "intellectual", "智力残疾" }, { "mental", "精神残疾" },
	{ "multiple", "多重残疾" },
};
static const struct code_name exit_reasons[] = {
	{ "age_16", "年满16周岁" }, { "age_18", "年满18周岁" }, { "parents_returned", "父母返乡" },
	{ "moved_away", "迁出本地" }, { "died", "死亡" }, { "other", "其他" },
};
/* 未成年人保护法 Art. 22: who may not be entrusted with a child's care */
static const struct code_name caregiver_checks[] = {
	{ "crime_record", "曾实施性侵害、虐待、拐卖、暴力伤害等违法犯罪行为" },
	{ "drug_or_gambling", "有吸毒、酗酒、赌博等恶习" },
	{ "harm_record", "曾拒不履行或长期怠于履行监护、照护职责" },
	{ "infectious_disease", "患有严重传染性疾病" },
	{ "domestic_violence", "有家庭暴力行为" },
	{ "no_capacity", "无完全民事行为能力或无照护能力" },
};
/* 56 ethnic groups (GB/T 3304 order) */
static const struct code_name ethnicities[] = {
#define E(x) { x, x }
	E("汉族"), E("蒙古族"), E("回族"), E("藏族"), E("维吾尔族"), E("苗族"), E("彝族"),
	E("壮族"), E("布依族"), E("朝鲜族"), E("满族"), E("侗族"), E("瑶族"), E("白族"),
	E("土家族"), E("哈尼族"), E("哈萨克族"), E("傣族"), E("黎族"), E("傈僳族"), E("佤族"),
	E("畲族"), E("高山族"), E("拉祜族"), E("水族"), E("东乡族"), E("纳西族"), E("景颇族"),
	E("柯尔克孜族"), E("土族"), E("达斡尔族"), E("仫佬族"), E("羌族"), E("布朗族"),
	E("撒拉族"), E("毛南族"), E("仡佬族"), E("锡伯族"), E("阿昌族"), E("普米族"),
	E("塔吉克族"), E("怒族"), E("乌孜别克族"), E("俄罗斯族"), E("鄂温克族"), E("德昂族"),
	E("保安族"), E("裕固族"), E("京族"), E("塔塔尔族"), E("独龙族"), E("鄂伦春族"),
	E("赫哲族"), E("门巴族"), E("珞巴族"), E("基诺族"),
#undef E
};

static struct code_name member_statuses[MS_COUNT];
static struct code_name categories[CAT_COUNT];

static const struct {
	const char *which;
	const struct code_name *list;
	int n;
} dicts[] = {
	{ "sexes", sexes, 2 },
	{ "hukou_types", hukou_types, 2 },
	{ "health", health, 3 },
	{ "school_stages", school_stages, 6 },
	{ "schooling_statuses", schooling_statuses, 3 },
	{ "economic", economic, 4 },
	{ "relations", relations, 8 },
	{ "disability_kinds", disability_kinds, 7 },
	{ "exit_reasons", exit_reasons, 6 },
	{ "caregiver_checks", caregiver_checks, 6 },
	{ "ethnicities", ethnicities, 56 },
	{ "member_statuses", member_statuses, MS_COUNT },
	{ "categories", categories, CAT_COUNT },
};

static void fill_generated(void)
{
	/* the domain's own tables, read once; writes are idempotent */
	for (int i = 0; i < MS_COUNT; i++)
		member_statuses[i] = (struct code_name){ member_status_code(i), member_status_name(i) };
	for (int i = 0; i < CAT_COUNT; i++)
		categories[i] = (struct code_name){ category_code(1u << i), category_name(1u << i) };
}

const struct code_name *child_dict(const char *which, int *n)
{
	if (!categories[0].code)
		fill_generated();
	for (size_t i = 0; i < sizeof dicts / sizeof dicts[0]; i++)
		if (strcmp(dicts[i].which, which) == 0) {
			*n = dicts[i].n;
			return dicts[i].list;
		}
	return NULL;
}

const char *dict_name(const char *which, const char *code)
{
	int n;
	const struct code_name *d = code ? child_dict(which, &n) : NULL;
	for (int i = 0; d && i < n; i++)
		if (strcmp(d[i].code, code) == 0)
			return d[i].name;
	return NULL;
}

const char *exit_reason_name(const char *code)
{
	return dict_name("exit_reasons", code);
}

static void parent_from(const struct member_row *m, struct parent_facts *p)
{
	memset(p, 0, sizeof *p);
	p->present = 1;
	int s = member_status_from_code(m->status);
	p->status = s < 0 ? MS_HOME : (enum member_status)s;
	cdate_parse(m->since ? m->since : "", &p->since);
	p->outside_county = m->outside_county;
	p->months = m->months;
	p->disability_grade = m->disability_grade;
	static const char *const kinds[] = { "", "visual", "hearing", "speech", "physical",
					     "intellectual", "mental", "multiple" };
	for (int k = 1; k < 8; k++)
		if (m->disability_kind && strcmp(m->disability_kind, kinds[k]) == 0)
			p->disability_kind = (enum disability_kind)k;
}

void child_facts_from(const struct child_row *c, const struct member_row *m, int n,
		      struct child_facts *f)
{
	memset(f, 0, sizeof *f);
	cdate_parse(c->birth_date ? c->birth_date : "", &f->birth);
	f->rural_hukou = c->hukou_type && strcmp(c->hukou_type, "rural") == 0;
	for (int i = 0; i < n; i++) {
		if (strcmp(m[i].relation, "father") == 0 && !f->father.present)
			parent_from(&m[i], &f->father);
		else if (strcmp(m[i].relation, "mother") == 0 && !f->mother.present)
			parent_from(&m[i], &f->mother);
	}
	f->parents_divorced = c->parents_divorced;
	f->disabled = c->health && strcmp(c->health, "disabled") == 0;
	f->seriously_ill = c->health && strcmp(c->health, "ill") == 0;
	f->dibao = c->economic && strcmp(c->economic, "dibao") == 0;
	f->tekun = c->economic && strcmp(c->economic, "tekun") == 0;
	f->harmed = c->harmed;
	f->misbehaviour = c->misbehaviour;
}

/* The next day after `today` on which the result may change: a 16th or 18th birthday, or a
 * parent's 6 months away or out of contact. */
static struct cdate next_change(const struct child_facts *f, struct cdate today)
{
	struct cdate best = { 0, 0, 0 };
	struct cdate cand[4];
	int n = 0;
	cand[n++] = cdate_birthday(f->birth, 16);
	cand[n++] = cdate_birthday(f->birth, 18);
	const struct parent_facts *ps[2] = { &f->father, &f->mother };
	for (int i = 0; i < 2; i++)
		if (ps[i]->present && cdate_is_set(ps[i]->since) &&
		    (ps[i]->status == MS_AWAY || ps[i]->status == MS_LOST_CONTACT))
			cand[n++] = cdate_add_months(ps[i]->since, 6);
	for (int i = 0; i < n; i++)
		if (cdate_cmp(cand[i], today) > 0 && (!cdate_is_set(best) || cdate_cmp(cand[i], best) < 0))
			best = cand[i];
	return best;
}

void child_derive(struct arena *a, struct child_row *c, const struct member_row *m, int n,
		  struct cdate today, struct category_reason *reasons, int *nreasons)
{
	struct child_facts f;
	child_facts_from(c, m, n, &f);
	int nr = 0;
	c->derived_categories = categories_derive(&f, today, reasons, &nr);
	if (nreasons)
		*nreasons = nr;
	c->mismatch = c->recorded_categories != c->derived_categories;
	struct cdate next = next_change(&f, today);
	char buf[11];
	if (cdate_is_set(next)) {
		cdate_format(next, buf);
		c->recheck_on = arena_strdup(a, buf);
	} else {
		c->recheck_on = "9999-12-31";
	}
	struct cdate b16 = cdate_birthday(f.birth, 16), b18 = cdate_birthday(f.birth, 18);
	struct cdate turning = cdate_cmp(today, b16) < 0 ? b16 : b18;
	if (cdate_cmp(today, turning) < 0) {
		cdate_format(turning, buf);
		c->turning_on = arena_strdup(a, buf);
	} else {
		c->turning_on = NULL;
	}
}

int name_grams(struct arena *a, const char *name, const char ***grams)
{
	const char *starts[64];
	int n = 0;
	for (const char *p = name; *p && n < 63; p++)
		if (((unsigned char)*p & 0xC0) != 0x80)
			starts[n++] = p;
	starts[n] = name + strlen(name);
	*grams = arena_alloc(a, sizeof(char *) * (size_t)(2 * n + 1));
	int k = 0;
	for (int i = 0; i < n; i++) {
		(*grams)[k++] = arena_strndup(a, starts[i], (size_t)(starts[i + 1] - starts[i]));
		if (i + 1 < n)
			(*grams)[k++] = arena_strndup(a, starts[i], (size_t)(starts[i + 2] - starts[i]));
	}
	return k;
}

int caregiver_warnings(const struct caregiver_row *cg, const char **out, int max)
{
	int n = 0;
	if (cg->checks && *cg->checks) {
		for (size_t i = 0; i < sizeof caregiver_checks / sizeof caregiver_checks[0] && n < max; i++)
			if (strstr(cg->checks, caregiver_checks[i].code))
				out[n++] = caregiver_checks[i].name;
	}
	/* 未成年人保护法 Art. 23: parents inform the school and the village in writing */
	if (!cg->school_notified && n < max)
		out[n++] = "未书面告知学校委托照护情况（未成年人保护法第二十三条）";
	if (!cg->village_notified && n < max)
		out[n++] = "未书面告知村（居）民委员会委托照护情况（未成年人保护法第二十三条）";
	return n;
}

uint32_t categories_from_codes(const char *const *codes, int n, const char **bad)
{
	uint32_t set = 0;
	*bad = NULL;
	for (int i = 0; i < n; i++) {
		enum category cat = category_from_code(codes[i]);
		if (!cat) {
			*bad = codes[i];
			return 0;
		}
		set |= cat;
	}
	return set;
}

const char *categories_text(struct arena *a, uint32_t set)
{
	struct buf b;
	buf_init(&b, 4096);
	buf_puts(&b, "");
	for (int i = 0; i < CAT_COUNT; i++)
		if (set & (1u << i))
			buf_printf(&b, "%s%s", b.len ? "、" : "", category_name(1u << i));
	const char *s = arena_strdup(a, b.data);
	buf_free(&b);
	return s;
}

const char *mask_id_number(struct arena *a, const char *number)
{
	if (!number || strlen(number) != 18)
		return number && *number ? "******" : NULL;
	char out[19];
	idcard_mask(number, out);
	return arena_strdup(a, out);
}

const char *mask_phone_number(struct arena *a, const char *phone)
{
	return mask_phone(a, phone);
}
