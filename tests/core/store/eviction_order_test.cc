// Exact eviction orders on small hand-worked sequences, one per policy (unit sizes unless
// stated). Each comment walks the sequence so a failure can be checked by hand.

#include <catch2/catch.hpp>

#include "core/store/policies/arc.h"
#include "core/store/policies/clock.h"
#include "core/store/policies/gdsf.h"
#include "core/store/policies/lfu.h"
#include "core/store/policies/lirs.h"
#include "core/store/policies/s3fifo.h"
#include "core/store/policies/sieve.h"
#include "core/store/policies/slru.h"
#include "core/store/policies/two_q.h"
#include "core/store/policies/w_tinylfu.h"
#include "tests/core/store/eviction_order_helpers.h"

namespace cdnsim::core::store {

using Ids = std::vector<ObjectId>;

TEST_CASE("CLOCK gives referenced objects a second chance, oldest first", "[store][clock]") {
  // Queue (new..old) 3 2 1, bits of 2 and 1 set. For 4 the hand clears 1 and 2 (each goes to
  // the front) and evicts 3; for 5 it finds 1 (bit now clear) oldest: LRU would evict 2 here.
  ClockPolicy clock(3);
  testing::EvictionRecorder rec(clock);
  REQUIRE(testing::replay(clock, {1, 2, 3, 2, 1, 4, 5}) == "mmmhhmm");
  REQUIRE(rec.evicted == Ids{3, 1});
}

TEST_CASE("SIEVE's hand moves from the tail and keeps its place", "[store][sieve]") {
  // NSDI'24 Algorithm 1. Queue (new..old) 3 2 1, 1 visited. 4: the hand clears 1, moves to 2 and
  // evicts it (hand -> 3). 5: evicts 3 (hand -> 4). 1 is hit again. 6: evicts 4 (hand -> 5).
  // 7: evicts 5 (hand -> 6) and 8 evicts 6 (hand -> 7): the hand continues from where it
  // stopped, so 1, at the tail with its bit set again, is never even looked at.
  SievePolicy sieve(3);
  testing::EvictionRecorder rec(sieve);
  REQUIRE(testing::replay(sieve, {1, 2, 3, 1, 4, 5, 1, 6, 7, 8}) == "mmmhmmhmmm");
  REQUIRE(rec.evicted == Ids{2, 3, 4, 5, 6});
  REQUIRE(sieve.contains(1));
}

TEST_CASE("SIEVE does not move survivors, unlike CLOCK", "[store][sieve]") {
  // Queue 3 2 1, 1 visited. 4: the hand clears 1 (which stays at the tail) and evicts 2
  // (hand -> 3). From then on each eviction takes the object the hand rests on and the hand
  // steps to the next newer one: 5 evicts 3, 6 evicts 4, ..., 9 evicts 7. 1, no longer visited,
  // is still cached because the hand has not come back around to the tail; CLOCK would have
  // evicted it at 5.
  SievePolicy sieve(3);
  testing::EvictionRecorder rec(sieve);
  REQUIRE(testing::replay(sieve, {1, 2, 3, 1, 4, 5, 6, 7, 8, 9}) == "mmmhmmmmmm");
  REQUIRE(rec.evicted == Ids{2, 3, 4, 5, 6, 7});
  REQUIRE(sieve.contains(1));
}

TEST_CASE("LFU evicts the least frequent, least recently used among equals", "[store][lfu]") {
  using Row = std::tuple<Ids, std::string, Ids>;
  const auto [sequence, outcome, evicted] = GENERATE(table<Ids, std::string, Ids>({
      // Capacity 2. 1 and 2 both at frequency 2; 1 was accessed less recently.
      Row{{1, 2, 1, 2, 3}, "mmhhm", {1}},
      Row{{1, 2, 2, 1, 3}, "mmhhm", {2}},
      // 1 at frequency 3 outlives newer objects of frequency 1.
      Row{{1, 1, 1, 2, 3, 4}, "mhhmmm", {2, 3}},
  }));
  LfuPolicy lfu(2);
  testing::EvictionRecorder rec(lfu);
  REQUIRE(testing::replay(lfu, sequence) == outcome);
  REQUIRE(rec.evicted == evicted);
}

TEST_CASE("S3-FIFO: quick demotion through the small queue, ghost hits go to main",
          "[store][s3fifo]") {
  // Capacity 10: small 1, main 9, ghost 9. 1..10 all enter S (nothing evicted yet); 1 and 2 are
  // hit. 11: S is over its share, so evict from S: 1 and 2 were re-accessed and move to M,
  // 3 was not: evicted into the ghost. 3 again: a miss that evicts 4 from S (into the ghost),
  // then, being a ghost, enters M. 12 evicts 5. 1 is still a hit (in M).
  S3FifoPolicy s3(10);
  testing::EvictionRecorder rec(s3);
  REQUIRE(testing::replay(s3, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 1, 2, 11, 3, 12, 1}) == "mmmmmmmmmmhhmmmh");
  REQUIRE(rec.evicted == Ids{3, 4, 5});
}

TEST_CASE("S3-FIFO's main queue is a 2-bit CLOCK", "[store][s3fifo]") {
  // Capacity 10: small 1, main 9. 1..10 enter S and are all hit once. 11: evicting from S moves
  // 1..9 to M (frequency reset to 0); moving 10 overfills M (10 > 9), so M evicts its tail 1;
  // S is then empty and 11 enters it. 2 is hit twice (frequency 2) and 3 once, all in M; 11 is
  // hit in S. 12: evicting from S moves 11 to M, overfilling it: M's tail 2 has frequency 2 ->
  // reinserted with 1; 3 has 1 -> reinserted with 0; 4 has 0 -> evicted. 13 evicts 12 from S
  // (never hit) into the ghost.
  S3FifoPolicy s3(10);
  testing::EvictionRecorder rec(s3);
  REQUIRE(testing::replay(s3, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}) ==
          "mmmmmmmmmmhhhhhhhhhh");
  REQUIRE(testing::replay(s3, {11, 2, 2, 3, 11, 12, 13}) == "mhhhhmm");
  REQUIRE(rec.evicted == Ids{1, 4, 12});
  REQUIRE(s3.contains(2));
  REQUIRE(s3.contains(3));
}

TEST_CASE("ARC adapts its target on ghost hits (paper's cases II and IV)", "[store][arc]") {
  // c = 4. 1..4 fill T1; 1 is hit (-> T2). 5: case IV.B, REPLACE evicts T1's LRU 2 into B1.
  // 2: case II (in B1): p = 0 + max(1, |B2|/|B1| = 0) = 1; REPLACE: |T1| = 3 > 1 evicts 3 to B1;
  // 2 enters T2. 6: IV.B, |T1| = 2 > 1: evicts 4 to B1. 7: IV.A (|T1| + |B1| = 4 = c): drop B1's
  // LRU (3), REPLACE evicts 5. 1 is hit. 4: case II again: p = 1 + 1 = 2; |T1| = 2 is not > 2, so
  // REPLACE evicts T2's LRU, which is 2 (1 was just hit), into B2.
  ArcPolicy arc(4);
  testing::EvictionRecorder rec(arc);
  REQUIRE(testing::replay(arc, {1, 2, 3, 4, 1, 5, 2}) == "mmmmhmm");
  REQUIRE(arc.target() == 1);
  REQUIRE(testing::replay(arc, {6, 7, 1, 4}) == "mmhm");
  REQUIRE(rec.evicted == Ids{2, 3, 4, 5, 2});
  REQUIRE(arc.target() == 2);
}

TEST_CASE("ARC case III: a B2 hit shrinks the target", "[store][arc]") {
  // Continuing the sequence above: B1 = {5}, B2 = {2}. p = 2 - max(1, |B1|/|B2| = 1) = 1.
  ArcPolicy arc(4);
  testing::replay(arc, {1, 2, 3, 4, 1, 5, 2, 6, 7, 1, 4});
  REQUIRE(testing::replay(arc, {2}) == "m");
  REQUIRE(arc.target() == 1);
  REQUIRE(arc.contains(2));
}

TEST_CASE("2Q keeps re-referenced objects in Am and scans in A1in", "[store][2q]") {
  // c = 4: Kin = 1, Kout = 2. 1..4 enter A1in. 5 evicts 1 (-> A1out), 6 evicts 2 (-> A1out).
  // 1: in A1out, so it enters Am; A1in holds 4 > Kin so 3 is evicted (A1out {3, 2}).
  // 7 evicts 4 (A1out {4, 3}). 1 hits in Am.
  // 8, 9, 10 evict 5, 6, 7 from A1in; 1 survives the scan.
  TwoQPolicy twoQ(4);
  testing::EvictionRecorder rec(twoQ);
  REQUIRE(testing::replay(twoQ, {1, 2, 3, 4, 5, 6, 1, 7, 1, 8, 9, 10, 1}) == "mmmmmmmmhmmmh");
  REQUIRE(rec.evicted == Ids{1, 2, 3, 4, 5, 6, 7});
}

TEST_CASE("SLRU protects objects hit in probation and demotes protected overflow",
          "[store][slru]") {
  // c = 5, protected 4. 1, 2, 3 enter probation; hits on 1, 2 protect them. 4, 5 fill the
  // cache; 6 evicts probation's LRU 3, 7 evicts 4. Hits on 5, 6, 7 protect them: protected holds
  // 7 6 5 2 1 = 5 > 4, so 1 is demoted to probation, whose LRU it is: 8 evicts 1.
  SlruPolicy slru(5);
  testing::EvictionRecorder rec(slru);
  REQUIRE(testing::replay(slru, {1, 2, 3, 1, 2, 4, 5, 6, 7, 5, 6, 7, 8}) == "mmmhhmmmmhhhm");
  REQUIRE(rec.evicted == Ids{3, 4, 1});
}

TEST_CASE("LIRS keeps low inter-reference recency objects, evicts from Q", "[store][lirs]") {
  // c = 3: Llirs = 2, Lhirs = 1. 1, 2 become LIR (warm-up); 3 is resident HIR (S: 3 2 1, Q: 3).
  // 4: evicts Q's front 3 (stays in S, non-resident); 4 is HIR. 3: its id is in S, so after
  // evicting 4 (Q's front) it comes back as LIR; the bottom LIR 1 becomes HIR (Q: 1) and S is
  // pruned down to 2. 1 hits (HIR not in S: back to S's top, Q's end). 5 evicts 1. 2 hits at the
  // bottom of S: pruning forgets non-resident 4. 4 is therefore new: HIR, evicting 5.
  LirsPolicy lirs(3);
  testing::EvictionRecorder rec(lirs);
  REQUIRE(testing::replay(lirs, {1, 2, 3, 4, 3, 1, 5, 2, 4}) == "mmmmmhmhm");
  REQUIRE(rec.evicted == Ids{3, 4, 1, 5});
  REQUIRE(lirs.isLir(3));
  REQUIRE(lirs.isLir(2));
  REQUIRE_FALSE(lirs.isLir(4));
}

TEST_CASE("GDSF evicts the lowest L + frequency / size and inflates L", "[store][gdsf]") {
  // c = 10 bytes. A(5): H = 1/5 = .2, B(2): .5, C(3): .333; a hit on A: H = 2/5 = .4.
  // D(4) needs 4 of 0 free: evicts C (.333, L = .333) then A (.4, L = .4); D: H = .4 + .25.
  // E(5) needs 5 of 4 free: evicts B (.5 < .65).
  GdsfPolicy gdsf(10);
  testing::EvictionRecorder rec(gdsf);
  REQUIRE(gdsf.insert(1, 5));
  REQUIRE(gdsf.insert(2, 2));
  REQUIRE(gdsf.insert(3, 3));
  REQUIRE(gdsf.find(1));
  REQUIRE(gdsf.insert(4, 4));
  REQUIRE(rec.evicted == Ids{3, 1});
  REQUIRE(gdsf.inflation() == Approx(0.4));
  REQUIRE(gdsf.insert(5, 5));
  REQUIRE(rec.evicted == Ids{3, 1, 2});
  REQUIRE(gdsf.inflation() == Approx(0.5));
}

TEST_CASE("W-TinyLFU refuses a cold window victim when main's victim is more popular",
          "[store][wtinylfu]") {
  // c = 10: window 1, main 9 (protected 7). Objects 1..9, accessed three times each, settle in
  // main. 100 (seen once) enters the window; 101 pushes it out: its estimate (1) does not beat
  // main's probation victim's (about 3), so 100 is evicted and main is untouched.
  WTinyLfuPolicy tiny(10);
  testing::EvictionRecorder rec(tiny);
  for (int round = 0; round < 3; ++round) {
    for (ObjectId id = 1; id <= 9; ++id) tiny.access(id, 1);
  }
  REQUIRE(rec.evicted.empty());
  REQUIRE(testing::replay(tiny, {100, 101}) == "mm");
  REQUIRE(rec.evicted == Ids{100});
  for (ObjectId id = 1; id <= 9; ++id) REQUIRE(tiny.contains(id));
}

TEST_CASE("W-TinyLFU admits a window victim more popular than main's victim",
          "[store][wtinylfu]") {
  // Continuing: 102 is requested four times (estimate 4 once it has passed the doorkeeper), then
  // 103 pushes it out of the window: it beats main's probation victim, which is evicted instead.
  WTinyLfuPolicy tiny(10);
  testing::EvictionRecorder rec(tiny);
  for (int round = 0; round < 2; ++round) {
    for (ObjectId id = 1; id <= 9; ++id) tiny.access(id, 1);
  }
  REQUIRE(testing::replay(tiny, {102, 102, 102, 102, 102, 103}) == "mhhhhm");
  REQUIRE(rec.evicted.size() == 1);
  REQUIRE(rec.evicted.front() != 102);
  REQUIRE(tiny.contains(102));
  REQUIRE(tiny.estimate(102) > tiny.estimate(rec.evicted.front()));
}

TEST_CASE("W-TinyLFU keeps a popular working set through a scan that flushes LRU",
          "[store][wtinylfu]") {
  WTinyLfuPolicy tiny(100);
  for (int round = 0; round < 5; ++round) {
    for (ObjectId id = 1; id <= 50; ++id) tiny.access(id, 1);
  }
  for (ObjectId id = 1000; id < 2000; ++id) tiny.access(id, 1);
  for (ObjectId id = 1; id <= 50; ++id) REQUIRE(tiny.contains(id));
}

}  // namespace cdnsim::core::store
