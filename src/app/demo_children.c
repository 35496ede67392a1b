/* demo_children.c: about 5,000 made-up children for the demo county (秀山, 500241), spread over
 * its villages, so that lists, filters, statistics and the mismatch view have content. Every
 * person is invented: names are drawn from common surnames of the county and common given-name
 * characters; ID numbers are valid by GB 11643-1999 (address code 500241, the birth date, a
 * sequence, the MOD 11-2 check character) but chosen at random; no phone numbers are made up.
 * The mix follows the county's situation (mostly rural, 土家族 and 苗族, parents working away in
 * 广东, 浙江, 重庆主城, 福建, 江苏). A seeded generator makes the data the same on every run of the
 * same day (birth dates count back from today so that every child is a minor).
 *
 * Each file is registered through children_save(), the use case behind the form, as the system
 * principal (audited as "system", like every command-line action).
 *
 * Sequence numbers of demo children's ID numbers stay below 900: tests register children with
 * sequences 900-999 and never collide with the demo. Runs only while the county has no child. */
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "app/child_rules.h"
#include "app/demo_rng.h"
#include "common/log.h"
#include "common/timeutil.h"
#include "domain/idcard.h"
#include "domain/region.h"

#define DEMO_COUNTY_CODE 500241000000LL
#define DEMO_CHILDREN 5000
#define DEMO_SEED 0x5348484fu   /* "SHHO" */
#define CHILD_SEQ_MAX 900       /* sequences 900-999 are left to the tests */


/* A weighted choice: weights in per mille, summing to 1000 or less (the rest: the last item). */
struct weighted {
	int w;
	const char *v;
};

static const char *pick_weighted(struct rng *r, const struct weighted *list, int n)
{
	int x = below(r, 1000);
	for (int i = 0; i < n; i++) {
		if (x < list[i].w)
			return list[i].v;
		x -= list[i].w;
	}
	return list[n - 1].v;
}

#define PICKW(r, list) pick_weighted((r), (list), (int)(sizeof(list) / sizeof((list)[0])))

/* ---- names: common surnames of 秀山 (repeated for weight) and common given-name characters ---- */

static const char *const surnames[] = {
	"杨", "杨", "杨", "杨", "田", "田", "田", "吴", "吴", "吴", "龙", "龙", "龙", "彭", "彭", "白",
	"白", "石", "石", "王", "王", "张", "张", "李", "李", "刘", "刘", "陈", "陈", "周", "罗", "向",
	"向", "冉", "冉", "胡", "黄", "姚", "熊", "滕", "麻", "杨", "谢", "唐", "何", "邓", "曾", "梁",
	"秦", "侯", "肖", "蒋", "余", "钟", "高", "雷", "舒", "喻", "付", "甘", "汪", "庞", "万", "孙",
};
static const char *const boy_chars[] = {
	"俊", "浩", "宇", "轩", "杰", "涛", "鑫", "磊", "明", "华", "伟", "强", "军", "勇", "波", "文",
	"博", "子", "睿", "晨", "阳", "泽", "天", "浩", "然", "志", "鹏", "思", "一", "家", "成", "豪",
	"航", "凯", "瑞", "林", "德", "建", "东", "辉", "毅", "诚", "健", "宏", "亮", "荣", "昊", "锦",
};
static const char *const girl_chars[] = {
	"欣", "怡", "雨", "佳", "梦", "思", "婷", "静", "丽", "娟", "慧", "敏", "雪", "琳", "萱", "涵",
	"悦", "可", "馨", "妍", "诗", "彤", "玉", "秀", "芳", "燕", "红", "霞", "兰", "月", "晓", "雅",
	"紫", "梓", "若", "心", "语", "嘉", "倩", "璐", "菲", "瑶", "蕾", "露", "春", "艳", "洁", "莹",
};

static const char *given_name(struct arena *a, struct rng *r, const char *surname, int male,
			      int three)
{
	const char *c1 = male ? PICK(r, boy_chars) : PICK(r, girl_chars);
	if (!three)
		return arena_printf(a, "%s%s", surname, c1);
	const char *c2 = male ? PICK(r, boy_chars) : PICK(r, girl_chars);
	if (strcmp(c1, c2) == 0 && per_mille(r, 700))   /* 叠字 like 婷婷 are fine, but rarer */
		c2 = male ? PICK(r, boy_chars) : PICK(r, girl_chars);
	return arena_printf(a, "%s%s%s", surname, c1, c2);
}

/* ---- places ---- */

static const struct weighted away_places[] = {
	{ 130, "广东省广州市" }, { 110, "广东省深圳市" }, { 110, "广东省东莞市" },
	{ 40, "广东省佛山市" },  { 90, "浙江省宁波市" },  { 80, "浙江省温州市" },
	{ 70, "浙江省金华市义乌市" }, { 60, "重庆市渝北区" }, { 40, "重庆市九龙坡区" },
	{ 40, "重庆市江北区" },  { 25, "重庆市沙坪坝区" }, { 50, "福建省厦门市" },
	{ 40, "福建省泉州市" },  { 20, "福建省福州市" },  { 50, "江苏省苏州市" },
	{ 25, "江苏省昆山市" },  { 20, "上海市" },        { 15, "湖南省长沙市" },
	{ 15, "贵州省铜仁市" },  { 10, "湖南省湘西土家族苗族自治州" },
};
static const char *const in_county_places[] = {
	"秀山县城", "秀山工业园区", "秀山县中和街道", "秀山县清溪场镇",
};
static const char *const work_places[] = {
	"电子厂", "服装厂", "鞋厂", "建筑工地", "家具厂", "物流公司", "餐饮店", "玩具厂", "五金厂",
	"个体经营", "快递公司", "装修公司", "汽车配件厂", "超市",
};
static const struct weighted ethnicities[] = {
	{ 520, "土家族" }, { 380, "汉族" }, { 90, "苗族" }, { 5, "侗族" }, { 5, "仡佬族" },
};
static const char *const illnesses[] = {
	"急性淋巴细胞白血病", "先天性心脏病", "肾病综合征", "癫痫", "1型糖尿病", "再生障碍性贫血",
	"地中海贫血", "脑瘫后遗症", "重度哮喘", "血友病",
};
static const char *const disability_kinds[] = {
	"physical", "physical", "intellectual", "intellectual", "hearing", "visual", "speech",
	"mental", "multiple",
};
static const char *const grade_names[] = {
	"一年级", "二年级", "三年级", "四年级", "五年级", "六年级",
	"七年级", "八年级", "九年级", "高一", "高二", "高三",
};

struct village {
	int64_t code;
	const char *name, *town, *town_short;
	int urban;                 /* a 社区 (urban community) */
	int64_t director_id;       /* a director account of this village, or 0 */
};

/* ---- ID numbers ---- */

struct idset {
	uint64_t *slot;
	size_t cap;
};

/* Adds key; 0 when it was there already. */
static int idset_add(struct idset *s, uint64_t key)
{
	size_t i = (size_t)((key * 0x9E3779B97F4A7C15ULL) >> 20) & (s->cap - 1);
	while (s->slot[i]) {
		if (s->slot[i] == key)
			return 0;
		i = (i + 1) & (s->cap - 1);
	}
	s->slot[i] = key;
	return 1;
}

/* A valid 18-character number for a person born on b; the sequence's parity gives the sex. */
static const char *make_id(struct arena *a, struct rng *r, struct cdate b, int male, int seq_max,
			   struct idset *unique)
{
	char n[19];
	for (;;) {
		int seq = below(r, seq_max / 2) * 2 + (male ? 1 : 0);
		uint64_t key = ((uint64_t)(b.y * 10000 + b.m * 100 + b.d) * 1000u + (uint64_t)seq) + 1;
		if (unique && !idset_add(unique, key))
			continue;
		snprintf(n, sizeof n, "500241%04d%02d%02d%03d", b.y, b.m, b.d, seq);
		n[17] = idcard_check_char(n);
		n[18] = 0;
		return arena_strdup(a, n);
	}
}

static const char *fmt_date(struct arena *a, struct cdate d)
{
	char *s = arena_alloc(a, 11);
	cdate_format(d, s);
	return s;
}

/* ---- one family ---- */

struct parent_plan {
	const char *status;
	int outside;      /* away outside the county */
};

/* A parent's situation; partner_away: the other parent works outside the county. Rural families
 * send far more parents away than town families do. */
static struct parent_plan plan_parent(struct rng *r, int father, int partner_away, int urban)
{
	int x = below(r, 1000);
	struct parent_plan p = { "home", 0 };
	/* the rarer situations first: 死亡, 失踪, 失联, 服刑, 戒毒, 重残, 重病 */
	static const struct weighted rare[] = {
		{ 300, "dead" }, { 80, "missing" }, { 80, "lost_contact" }, { 200, "prison" },
		{ 30, "rehab" }, { 150, "severe_disability" }, { 160, "serious_illness" },
	};
	int rare_pm = father ? 55 : 40;
	if (x < rare_pm) {
		p.status = PICKW(r, rare);
		return p;
	}
	x -= rare_pm;
	int away_pm = urban ? (father ? 380 : (partner_away ? 450 : 90))
			    : (father ? 620 : (partner_away ? 700 : 180));
	if (x < away_pm) {
		p.status = "away";
		p.outside = per_mille(r, 930);
	}
	return p;
}

static void add_parent(struct arena *a, struct rng *r, struct child_input *in, int father,
		       const char *surname, struct cdate birth, struct cdate today,
		       const struct parent_plan *p, const char *partner_place)
{
	struct member_input *m = &in->members[in->nmembers++];
	memset(m, 0, sizeof *m);
	m->relation = father ? "father" : "mother";
	m->name = given_name(a, r, father ? surname : PICK(r, surnames), father, per_mille(r, 750));
	struct cdate pb = cdate_add_days(birth, -between(r, (father ? 22 : 19) * 365, 38 * 365));
	m->birth_date = fmt_date(a, pb);
	if (per_mille(r, 650)) {
		m->id_number = make_id(a, r, pb, father, 1000, NULL);
		m->has_id_number = 1;
	}
	m->status = p->status;
	if (strcmp(p->status, "away") == 0) {
		/* couples often work in the same city */
		m->away_place = p->outside ? (partner_place && per_mille(r, 700) ? partner_place
										  : PICKW(r, away_places))
					   : PICK(r, in_county_places);
		m->outside_county = p->outside;
		m->work_place = PICK(r, work_places);
		/* most left long ago; a few only in the last months (not yet 6: not yet left behind) */
		int months = per_mille(r, 90) ? between(r, 1, 5) : between(r, 7, 96);
		struct cdate since = cdate_add_months(today, -months);
		since = cdate_add_days(since, -below(r, 25));
		if (cdate_cmp(since, birth) < 0 && per_mille(r, 800))
			since = cdate_add_months(birth, between(r, 3, 12));
		if (cdate_cmp(since, today) >= 0)
			since = cdate_add_months(today, -7);
		m->since = fmt_date(a, since);
	} else if (strcmp(p->status, "lost_contact") == 0 || strcmp(p->status, "missing") == 0) {
		m->since = fmt_date(a, cdate_add_months(today, -between(r, 8, 60)));
	} else if (strcmp(p->status, "prison") == 0) {
		m->months = per_mille(r, 850) ? between(r, 12, 180) : between(r, 3, 5);
	} else if (strcmp(p->status, "rehab") == 0) {
		m->months = 24;
	} else if (strcmp(p->status, "severe_disability") == 0) {
		m->disability_grade = between(r, 1, 4);
		m->disability_kind = PICK(r, disability_kinds);
	}
}

static void add_grandparent(struct arena *a, struct rng *r, struct child_input *in,
			    const char *relation, const char *surname, struct cdate birth)
{
	if (in->nmembers >= MAX_MEMBERS)
		return;
	int male = strncmp(relation, "grandfather", 11) == 0;
	struct member_input *m = &in->members[in->nmembers++];
	memset(m, 0, sizeof *m);
	m->relation = relation;
	m->name = given_name(a, r, surname, male, per_mille(r, 600));
	struct cdate gb = cdate_add_days(birth, -between(r, 45 * 365, 68 * 365));
	m->birth_date = fmt_date(a, gb);
	m->status = per_mille(r, 40) ? "serious_illness" : "home";
}

/* What the village recorded: the derived set, except for about 5% that differ (a category
 * forgotten, or one recorded that the facts do not support), for the mismatch view. */
static void record_categories(struct arena *a, struct rng *r, struct child_input *in,
			      struct cdate today)
{
	struct child_row c = { 0 };
	c.birth_date = in->birth_date;
	c.hukou_type = in->hukou_type;
	c.health = in->health;
	c.economic = in->economic;
	c.parents_divorced = in->parents_divorced;
	c.harmed = in->harmed;
	c.misbehaviour = in->misbehaviour;
	struct member_row m[MAX_MEMBERS];
	memset(m, 0, sizeof m);
	for (int i = 0; i < in->nmembers; i++) {
		const struct member_input *x = &in->members[i];
		m[i].relation = x->relation;
		m[i].status = x->status;
		m[i].since = x->since;
		m[i].outside_county = x->outside_county;
		m[i].months = x->months;
		m[i].disability_grade = x->disability_grade;
		m[i].disability_kind = x->disability_kind;
	}
	child_derive(a, &c, m, in->nmembers, today, NULL, NULL);
	uint32_t set = c.derived_categories;
	if (per_mille(r, 50)) {
		if (set && per_mille(r, 500)) {
			uint32_t bits[CAT_COUNT];
			int n = 0;
			for (int i = 0; i < CAT_COUNT; i++)
				if (set & (1u << i))
					bits[n++] = 1u << i;
			set &= ~bits[below(r, n)];
		} else {
			static const uint32_t wrong[] = { CAT_RURAL_LEFT_BEHIND, CAT_SINGLE_PARENT,
							  CAT_DIBAO, CAT_HARDSHIP_POVERTY };
			uint32_t w = PICK(r, wrong);
			set |= (set & w) ? CAT_RURAL_LEFT_BEHIND : w;
		}
	}
	in->nrecorded = 0;
	for (int i = 0; i < CAT_COUNT; i++)
		if (set & (1u << i))
			in->recorded[in->nrecorded++] = category_code(1u << i);
}

static void schooling(struct arena *a, struct rng *r, struct child_input *in, int age,
		      const struct village *v, int64_t school_org)
{
	in->school_stage = "none";
	in->schooling_status = "not_in_school";
	if (age >= 3 && age <= 5 && per_mille(r, 880)) {
		in->school_stage = "kindergarten";
		in->schooling_status = "in_school";
		in->school_name = arena_printf(a, "%s中心幼儿园", v->town);
	} else if (age >= 6 && age <= 11) {
		in->school_stage = "primary";
		in->schooling_status = "in_school";
		in->school_grade = grade_names[age - 6];
		if (school_org && per_mille(r, 800))
			in->school_org_id = school_org;
		else if (per_mille(r, 350) && !v->urban)
			in->school_name = arena_printf(a, "%s小学", v->name);
		else
			in->school_name = arena_printf(a, "%s中心小学", v->town);
		in->boarding = per_mille(r, 120);
	} else if (age >= 12 && age <= 14) {
		in->school_stage = "junior";
		in->schooling_status = per_mille(r, 20) ? "dropped_out" : "in_school";
		in->school_grade = grade_names[age - 6];
		in->school_name = arena_printf(a, "%s中学", v->town_short);
		in->boarding = per_mille(r, 550);
	} else if (age >= 15) {
		int x = below(r, 1000);
		if (x < 560) {
			in->school_stage = "senior";
			in->schooling_status = "in_school";
			in->school_grade = grade_names[age - 6 > 11 ? 11 : age - 6];
			static const char *const seniors[] = { "秀山高级中学", "秀山县第一中学",
							       "秀山县第二中学", "秀山县民族中学" };
			in->school_name = PICK(r, seniors);
			in->boarding = per_mille(r, 800);
		} else if (x < 860) {
			in->school_stage = "vocational";
			in->schooling_status = "in_school";
			in->school_name = "秀山县职业教育中心";
			in->boarding = per_mille(r, 700);
		} else if (x < 900) {
			in->school_stage = "junior";
			in->schooling_status = "dropped_out";
		}
	}
	if (strcmp(in->health, "disabled") == 0 && in->disability_grade <= 2 && age >= 6 &&
	    per_mille(r, 400)) {
		in->school_org_id = 0;
		in->school_name = "秀山县特殊教育学校";
	}
}

/* Fills one child's file. */
static void make_child(struct arena *a, struct rng *r, const struct village *v, int64_t school_org,
		       struct cdate today, struct idset *ids, struct child_input *in)
{
	memset(in, 0, sizeof *in);
	int male = per_mille(r, 530);   /* the county's sex ratio at birth leans male */
	struct cdate birth = cdate_add_days(today, -between(r, 20, 18 * 365 - 20));
	int age = cdate_age(birth, today);
	const char *surname = PICK(r, surnames);
	in->name = given_name(a, r, surname, male, per_mille(r, 720));
	in->birth_date = fmt_date(a, birth);
	in->sex = male ? "M" : "F";
	in->id_number = make_id(a, r, birth, male, CHILD_SEQ_MAX, ids);
	in->region_code = arena_printf(a, "%012lld", (long long)v->code);
	in->ethnicity = PICKW(r, ethnicities);
	in->hukou_registered = !per_mille(r, 3);
	in->hukou_type = per_mille(r, v->urban ? 160 : 880) ? "rural" : "urban";
	in->hukou_address = v->urban ? arena_printf(a, "重庆市秀山土家族苗族自治县%s%s%d号", v->town,
						    v->name, between(r, 1, 180))
				     : arena_printf(a, "重庆市秀山土家族苗族自治县%s%s%d组", v->town,
						    v->name, between(r, 1, 9));
	in->current_address = per_mille(r, 920) ? in->hukou_address
						 : arena_printf(a, "重庆市秀山土家族苗族自治县%s", v->town);
	in->health = "healthy";
	int h = below(r, 1000);
	if (h < 30) {
		in->health = "disabled";
		in->disability_kind = PICK(r, disability_kinds);
		in->disability_grade = between(r, 1, 4);
	} else if (h < 50) {
		in->health = "ill";
		in->illness = PICK(r, illnesses);
	}
	int e = below(r, 1000);
	in->economic = e < 60 ? "dibao" : e < 70 ? "tekun" : e < 100 ? "low_margin" : "none";
	in->parents_divorced = per_mille(r, 50);
	in->harmed = per_mille(r, 4);
	in->misbehaviour = age >= 12 && per_mille(r, 8);
	in->director_id = v->director_id;
	schooling(a, r, in, age, v, school_org);
	if (age >= 12 && per_mille(r, 4) && strcmp(in->schooling_status, "in_school") == 0) {
		in->schooling_status = "dropped_out";
		in->school_org_id = 0;
	}

	int urban = strcmp(in->hukou_type, "urban") == 0;
	struct parent_plan fa = plan_parent(r, 1, 0, urban);
	int father_out = strcmp(fa.status, "away") == 0 && fa.outside;
	struct parent_plan mo = plan_parent(r, 0, father_out, urban);
	add_parent(a, r, in, 1, surname, birth, today, &fa, NULL);
	add_parent(a, r, in, 0, surname, birth, today, &mo,
		   father_out ? in->members[0].away_place : NULL);
	int father_home = strcmp(fa.status, "home") == 0, mother_home = strcmp(mo.status, "home") == 0;
	const char *mother_surname = in->members[1].name;   /* first character is the surname */
	char msur[8];
	snprintf(msur, sizeof msur, "%.3s", mother_surname);

	if (!father_home && !mother_home) {
		/* both parents away or unable: grandparents (or a relative) look after the child */
		int maternal = per_mille(r, 220);
		const char *gm = maternal ? "grandmother_m" : "grandmother_p";
		const char *gf = maternal ? "grandfather_m" : "grandfather_p";
		const char *gsur = maternal ? arena_strdup(a, msur) : surname;
		add_grandparent(a, r, in, gm, PICK(r, surnames), birth);
		if (per_mille(r, 650))
			add_grandparent(a, r, in, gf, gsur, birth);
		struct caregiver_input *cg = &in->caregiver;
		in->has_caregiver = 1;
		if (per_mille(r, 900)) {
			const struct member_input *g = &in->members[2];
			cg->name = g->name;
			cg->relation = maternal ? "外祖母" : "祖母";
			cg->address = in->current_address;
			if (per_mille(r, 600)) {
				struct cdate gb;
				cdate_parse(g->birth_date, &gb);
				cg->id_number = make_id(a, r, gb, 0, 1000, NULL);
				cg->has_id_number = 1;
			}
		} else {
			int uncle = per_mille(r, 500);
			cg->name = given_name(a, r, uncle ? surname : PICK(r, surnames), uncle, 1);
			cg->relation = uncle ? "伯父" : "姑妈";
			cg->address = arena_printf(a, "重庆市秀山土家族苗族自治县%s%s", v->town, v->name);
		}
		if (per_mille(r, 850))
			cg->agreement_date = fmt_date(a, cdate_add_days(today, -between(r, 30, 1500)));
		cg->school_notified = per_mille(r, 800);
		cg->village_notified = per_mille(r, 850);
		if (per_mille(r, 25))
			cg->checks[cg->nchecks++] = per_mille(r, 600) ? "no_capacity" : "drug_or_gambling";
		in->guardianship_note =
			cg->agreement_date ? arena_printf(a, "父母不在身边，已书面委托%s照护", cg->relation)
					   : arena_printf(a, "父母不在身边，由%s照护，尚未签订委托协议",
							  cg->relation);
	} else if (per_mille(r, 250)) {
		add_grandparent(a, r, in, per_mille(r, 500) ? "grandmother_p" : "grandfather_p",
				PICK(r, surnames), birth);
	}
	record_categories(a, r, in, today);
}

/* ---- loading ---- */

/* A demo school whose pupils carry its organisation (what a school account sees). */
struct demo_school {
	int64_t town, org;
};

static int load_villages(struct ctx *c, struct db *db, struct village **out, int *nout,
			 struct demo_school schools[2], struct err *e)
{
	struct arena *a = c->a;
	const struct scope all = { .lo = 0, .hi = REGION_CODE_MAX };
	struct region_row *towns, *vills;
	int nt, nv;
	int st = st_region_children(db, a, &all, DEMO_COUNTY_CODE, &towns, &nt);
	struct village *v = NULL;
	int n = 0, cap = 0;
	for (int i = 0; !st && i < nt; i++) {
		st = st_region_children(db, a, &all, towns[i].code, &vills, &nv);
		for (int k = 0; !st && k < nv; k++) {
			if (n == cap) {
				cap = cap ? cap * 2 : 512;
				struct village *bigger = arena_alloc(a, sizeof *v * (size_t)cap);
				if (n)
					memcpy(bigger, v, sizeof *v * (size_t)n);
				v = bigger;
			}
			const char *t = towns[i].name;
			size_t tl = strlen(t);
			size_t cut = tl > 6 && strcmp(t + tl - 6, "街道") == 0 ? 6
				     : tl > 3 && (strcmp(t + tl - 3, "镇") == 0 ||
						  strcmp(t + tl - 3, "乡") == 0) ? 3
									 : 0;
			/* the statistical names end in 村民委员会 or 居民委员会 (a 社区) */
			const char *vn = vills[k].name;
			size_t vl = strlen(vn);
			int urban = vl > 15 && strcmp(vn + vl - 15, "居民委员会") == 0;
			int rural = vl > 15 && strcmp(vn + vl - 15, "村民委员会") == 0;
			v[n++] = (struct village){
				.code = vills[k].code,
				.name = urban || rural ? arena_strndup(a, vn, vl - 15) : vn,
				.town = t,
				.town_short = arena_strndup(a, t, tl - cut),
				.urban = urban,
			};
		}
	}
	if (st)
		return err_set(e, st, NULL, "cannot read the demo county's villages");
	/* the directors of the villages (the demo's `director` is at 平所村) */
	struct user_filter uf = { .role = "director" };
	uf.scope = all;
	region_range(DEMO_COUNTY_CODE, &uf.within.lo, &uf.within.hi);
	struct user_row *users;
	int nu;
	int64_t total;
	st = st_user_list(db, a, &uf, (struct page){ 0, 10000 }, &users, &nu, &total);
	for (int i = 0; !st && i < nu; i++)
		for (int k = 0; k < n; k++)
			if (v[k].code == users[i].region_code && !v[k].director_id &&
			    strcmp(users[i].status, "active") == 0)
				v[k].director_id = users[i].id;
	if (st)
		return err_set(e, st, NULL, "cannot read the demo directors");
	/* the two demo schools: their pupils carry the school's organisation */
	static const char *const school_names[2][2] = {
		{ "隘口镇中心小学", "500241103000" }, { "中和街道中心小学", "500241001000" },
	};
	for (int i = 0; i < 2; i++) {
		region_parse(school_names[i][1], &schools[i].town);
		if (st_org_find(db, schools[i].town, school_names[i][0], &schools[i].org) != ST_OK)
			schools[i].org = 0;
	}
	*out = v;
	*nout = n;
	return ST_OK;
}

int demo_children(struct ctx *c, struct err *e)
{
	int64_t started = clock_now_ms();
	struct db *db = store_acquire(c->app->store);
	struct child_filter f = { 0 };
	f.scope = (struct scope){ .lo = 0, .hi = REGION_CODE_MAX };
	region_range(DEMO_COUNTY_CODE, &f.within.lo, &f.within.hi);
	struct child_row *rows;
	int n;
	int64_t total = 0;
	int st = st_child_list(db, c->a, &f, (struct page){ 0, 1 }, &rows, &n, &total);
	struct village *v = NULL;
	int nv = 0;
	struct demo_school schools[2] = { { 0, 0 }, { 0, 0 } };
	if (!st && total == 0)
		st = load_villages(c, db, &v, &nv, schools, e);
	store_release(c->app->store, db);
	if (st)
		return err_set(e, st, NULL, "cannot prepare the demo children");
	if (total > 0 || nv == 0)
		return ST_OK;

	struct idset ids = { .cap = 16384 };
	ids.slot = arena_alloc(c->a, sizeof *ids.slot * ids.cap);
	struct rng r = { .s = ((uint64_t)DEMO_SEED << 32) | 0x9E3779B9u };
	struct cdate today = cdate_from_ms(clock_now_ms());
	int made = 0, exited = 0;
	for (int i = 0; !st && i < DEMO_CHILDREN; i++) {
		struct arena a = ARENA_INIT;
		struct ctx cc = *c;
		cc.a = &a;
		const struct village *vg = &v[below(&r, nv)];
		int64_t town = vg->code / 1000 * 1000, school = 0;
		for (int k = 0; k < 2; k++)
			if (town == schools[k].town)
				school = schools[k].org;
		struct child_input in;
		struct child_file file;
		make_child(&a, &r, vg, school, today, &ids, &in);
		st = children_save(&cc, 0, &in, &file, e);
		made += st == ST_OK;
		/* a few files have left care already */
		struct cdate born;
		cdate_parse(in.birth_date, &born);
		int days = cdate_days_between(born, today);
		if (!st && per_mille(&r, 6) && days > 2) {
			static const char *const reasons[] = { "parents_returned", "moved_away", "other" };
			int back = between(&r, 1, days - 1 < 200 ? days - 1 : 200);
			const char *date = fmt_date(&a, cdate_add_days(today, -back));
			st = children_exit(&cc, file.c.id, PICK(&r, reasons), date,
					   "演示数据：家庭情况变化", &file, e);
			exited += st == ST_OK;
		}
		arena_release(&a);
	}
	if (st)
		return st;
	log_info("demo: %d children in %d villages (%d exited) in %.1f s", made, nv, exited,
		 (double)(clock_now_ms() - started) / 1000.0);
	return ST_OK;
}
