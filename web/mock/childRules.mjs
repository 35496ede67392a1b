// A simplified stand-in for src/domain/categories.c: the categories a child qualifies for,
// from the recorded facts, as of `today` ('YYYY-MM-DD'). Only for the mock.
import { CATEGORY_NAMES, CATEGORY_RULES } from './childDicts.mjs'

export function ageOn(birth, today) {
  if (!birth) return null
  let age = Number(today.slice(0, 4)) - Number(birth.slice(0, 4))
  if (today.slice(5) < birth.slice(5)) age--
  return age
}

export function addMonths(date, months) {
  const [y, m, d] = date.split('-').map(Number)
  const t = new Date(Date.UTC(y, m - 1 + months, 1))
  const last = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 0)).getUTCDate()
  t.setUTCDate(Math.min(d, last))
  return t.toISOString().slice(0, 10)
}

const INCAPABLE = new Set(['severe_disability', 'serious_illness'])

function parentState(p, today) {
  if (!p) return { away: false, incapable: false, gone: false, unattending: false }
  const sixMonths = p.since && addMonths(p.since, 6) <= today
  const away = p.status === 'away' && p.outside_county && sixMonths
  const gone = p.status === 'dead' || p.status === 'missing'
  const unattending =
    (p.status === 'severe_disability' && (p.disability_grade <= 2 || ['mental', 'intellectual'].includes(p.disability_kind))) ||
    p.status === 'serious_illness' ||
    ((p.status === 'prison' || p.status === 'rehab') && p.months >= 6) ||
    p.status === 'detained' || p.status === 'revoked' || p.status === 'deported' ||
    (p.status === 'lost_contact' && sixMonths)
  return { away, incapable: INCAPABLE.has(p.status), gone, unattending }
}

// Answers [{ code, name, rule }] in the order of the category list.
export function deriveCategories(child, today) {
  const age = ageOn(child.birth_date, today)
  const father = parentState(child.members.find((m) => m.relation === 'father'), today)
  const mother = parentState(child.members.find((m) => m.relation === 'mother'), today)
  const leftBehind = (father.away && (mother.away || mother.incapable)) || (mother.away && father.incapable)
  const hits = new Set()
  if (age !== null && age < 16 && leftBehind) hits.add(child.hukou_type === 'urban' ? 'urban_left_behind' : 'rural_left_behind')
  if (age !== null && age < 18 && father.gone && mother.gone) hits.add('orphan')
  else if (
    age !== null && age < 18 &&
    ((father.unattending && mother.unattending) || (father.gone && mother.unattending) || (mother.gone && father.unattending))
  ) hits.add('de_facto_unattended')
  if (child.parents_divorced || father.gone !== mother.gone) hits.add('single_parent')
  if (child.health === 'disabled') hits.add('disabled')
  if (child.health === 'ill') hits.add('seriously_ill')
  if (child.economic === 'dibao') hits.add('dibao')
  if (child.economic === 'tekun') hits.add('tekun')
  if (['dibao', 'tekun', 'low_margin'].includes(child.economic)) hits.add('hardship_poverty')
  if (child.health === 'disabled' || child.health === 'ill') hits.add('hardship_disability')
  if (child.harmed || hits.has('orphan') || hits.has('de_facto_unattended')) hits.add('hardship_guardianship')
  if (child.misbehaviour) hits.add('misbehaviour')
  return Object.keys(CATEGORY_NAMES)
    .filter((c) => hits.has(c))
    .map((code) => ({ code, name: CATEGORY_NAMES[code], rule: CATEGORY_RULES[code] }))
}
