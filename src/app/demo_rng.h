/* demo_rng.h: the small deterministic generator (xorshift64*) the synthetic demo data is drawn
 * from (demo_children.c, demo_history.c). Not for anything secret. */
#ifndef SHOUHU_APP_DEMO_RNG_H
#define SHOUHU_APP_DEMO_RNG_H

#include <stdint.h>

struct rng {
	uint64_t s;
};

static inline uint32_t rnd(struct rng *r)
{
	r->s ^= r->s >> 12;
	r->s ^= r->s << 25;
	r->s ^= r->s >> 27;
	return (uint32_t)((r->s * 0x2545F4914F6CDD1DULL) >> 32);
}

static inline int below(struct rng *r, int n)
{
	return n > 0 ? (int)(rnd(r) % (uint32_t)n) : 0;
}

static inline int between(struct rng *r, int lo, int hi)   /* inclusive */
{
	return lo + below(r, hi - lo + 1);
}

static inline int per_mille(struct rng *r, int p)
{
	return below(r, 1000) < p;
}

#define PICK(r, list) ((list)[below((r), (int)(sizeof(list) / sizeof((list)[0])))])

#endif
