// The mock's answer to GET /child-dicts (docs/API.md "Children"). The real server owns the
// lists; these follow the contract's codes so the web app can be developed against them.
const list = (obj) => Object.entries(obj).map(([code, name]) => ({ code, name }))

const ETHNIC_NAMES = [
  '汉族', '蒙古族', '回族', '藏族', '维吾尔族', '苗族', '彝族', '壮族', '布依族', '朝鲜族', '满族', '侗族', '瑶族', '白族',
  '土家族', '哈尼族', '哈萨克族', '傣族', '黎族', '傈僳族', '佤族', '畲族', '高山族', '拉祜族', '水族', '东乡族', '纳西族',
  '景颇族', '柯尔克孜族', '土族', '达斡尔族', '仫佬族', '羌族', '布朗族', '撒拉族', '毛南族', '仡佬族', '锡伯族', '阿昌族',
  '普米族', '塔吉克族', '怒族', '乌孜别克族', '俄罗斯族', '鄂温克族', '德昂族', '保安族', '裕固族', '京族', '塔塔尔族',
  '独龙族', '鄂伦春族', '赫哲族', '门巴族', '珞巴族', '基诺族',
]

export const CATEGORY_NAMES = {
  rural_left_behind: '农村留守儿童',
  urban_left_behind: '城镇留守儿童',
  orphan: '孤儿',
  de_facto_unattended: '事实无人抚养儿童',
  single_parent: '单亲家庭儿童',
  disabled: '残疾儿童',
  seriously_ill: '重病儿童',
  dibao: '低保家庭儿童',
  tekun: '特困供养儿童',
  hardship_poverty: '困境儿童（家庭贫困）',
  hardship_disability: '困境儿童（自身残疾、重病）',
  hardship_guardianship: '困境儿童（监护缺失或监护不当）',
  misbehaviour: '严重不良行为或涉罪儿童',
}

export const CATEGORY_RULES = {
  rural_left_behind: '未满16周岁，农村户籍，父母均外出务工（县外6个月以上），或一方外出务工另一方无监护能力（民发〔2016〕…）',
  urban_left_behind: '未满16周岁，城镇户籍，父母均外出务工，或一方外出务工另一方无监护能力',
  orphan: '未满18周岁，父母均死亡或宣告失踪',
  de_facto_unattended: '未满18周岁，父母双方均符合重残、重病、服刑、强制隔离戒毒、失联等情形之一，或一方死亡失踪另一方符合上述情形（民发〔2019〕62号）',
  single_parent: '父母离异或一方死亡',
  disabled: '儿童本人残疾',
  seriously_ill: '儿童本人患重病',
  dibao: '家庭享受最低生活保障',
  tekun: '家庭享受特困人员救助供养',
  hardship_poverty: '因家庭贫困导致生活、就医、就学等困难（国发〔2016〕36号）',
  hardship_disability: '因自身残疾、重病导致康复、照料、护理和社会融入等困难（国发〔2016〕36号）',
  hardship_guardianship: '因家庭监护缺失或监护不当遭受虐待、遗弃、意外伤害、不法侵害等（国发〔2016〕36号）',
  misbehaviour: '有严重不良行为或涉罪（渝府办发〔2024〕57号 二(三)）',
}

export const CHILD_DICTS = {
  sexes: list({ M: '男', F: '女' }),
  hukou_types: list({ rural: '农业户口', urban: '非农业户口' }),
  ethnicities: ETHNIC_NAMES.map((name) => ({ code: name, name })),
  relations: list({
    father: '父亲', mother: '母亲', grandfather_p: '祖父', grandmother_p: '祖母', grandfather_m: '外祖父',
    grandmother_m: '外祖母', sibling: '兄弟姐妹', other: '其他',
  }),
  member_statuses: list({
    home: '在家', away: '外出务工', dead: '死亡', missing: '失踪', lost_contact: '失联', prison: '服刑在押',
    rehab: '强制隔离戒毒', detained: '被限制人身自由', severe_disability: '重残', serious_illness: '重病',
    revoked: '被撤销监护资格', deported: '被遣送出境',
  }),
  categories: Object.entries(CATEGORY_NAMES).map(([code, name]) => ({ code, name, rule: CATEGORY_RULES[code] })),
  school_stages: list({ none: '未入学', kindergarten: '幼儿园', primary: '小学', junior: '初中', senior: '高中', vocational: '中职' }),
  schooling_statuses: list({ in_school: '在校', dropped_out: '辍学', not_in_school: '未在校' }),
  health: list({ healthy: '健康', disabled: '残疾', ill: '患病' }),
  disability_kinds: list({
    visual: '视力残疾', hearing: '听力残疾', speech: '言语残疾', physical: '肢体残疾', intellectual: '智力残疾',
    mental: '精神残疾', multiple: '多重残疾',
  }),
  exit_reasons: list({
    age_16: '年满16周岁', age_18: '年满18周岁', parents_returned: '父母返乡', moved_away: '迁出本地', died: '死亡', other: '其他',
  }),
  economic: list({ none: '无', dibao: '低保', tekun: '特困', low_margin: '低保边缘' }),
  caregiver_checks: list({
    crime_record: '曾实施性侵害、虐待、遗弃、拐卖、暴力伤害等违法犯罪行为',
    drug_or_gambling: '有吸毒、酗酒、赌博等恶习',
    infectious_disease: '患有严重传染性疾病',
    domestic_violence: '有家庭暴力记录',
    no_capacity: '无完全民事行为能力或身体状况不能照护',
    harm_record: '曾拒不履行或长期怠于履行监护、照护职责',
  }),
}

export const nameOf = (kind, code) => (CHILD_DICTS[kind].find((x) => x.code === code) || {}).name || code
