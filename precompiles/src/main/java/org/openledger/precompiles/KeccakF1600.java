package org.openledger.precompiles;

/**
 * Keccak-f[1600], the permutation under keccak256, written for throughput: the Keccak team's fused
 * round (XKCP's KeccakP-1600-64.macros), theta's column parities for the next round accumulated
 * while chi writes each lane, rounds alternating between two sets of locals. One implementation
 * for every sponge that cannot use a finished digest: the prover's batched Merkle hashing and a
 * contract's Keccak state kept in storage between calls.
 */
public final class KeccakF1600 {
  private KeccakF1600() {}

  /** The 24 iota constants, a copy: for other implementations of the same permutation (a vectorised one). */
  public static long[] roundConstants() {
    return ROUND_CONSTANTS.clone();
  }

  private static final long[] ROUND_CONSTANTS = {
    0x0000000000000001L,
    0x0000000000008082L,
    0x800000000000808AL,
    0x8000000080008000L,
    0x000000000000808BL,
    0x0000000080000001L,
    0x8000000080008081L,
    0x8000000000008009L,
    0x000000000000008AL,
    0x0000000000000088L,
    0x0000000080008009L,
    0x000000008000000AL,
    0x000000008000808BL,
    0x800000000000008BL,
    0x8000000000008089L,
    0x8000000000008003L,
    0x8000000000008002L,
    0x8000000000000080L,
    0x000000000000800AL,
    0x800000008000000AL,
    0x8000000080008081L,
    0x8000000000008080L,
    0x0000000080000001L,
    0x8000000080008008L
  };

  /**
   * Keccak-f[1600], all 24 rounds, on 25 lanes (index x + 5y). Lanes are named as in XKCP: row
   * b, g, k, m, s (y = 0..4), column a, e, i, o, u (x = 0..4); a* is the state before an even
   * round, e* after it; c* are the column parities, b* one plane after rho and pi, d* theta's
   * column effects.
   */
  public static void permute(long[] s) {
    long aba = s[0], abe = s[1], abi = s[2], abo = s[3], abu = s[4], aga = s[5], age = s[6], agi = s[7], ago = s[8], agu = s[9], aka = s[10], ake = s[11], aki = s[12], ako = s[13], aku = s[14], ama = s[15], ame = s[16], ami = s[17], amo = s[18], amu = s[19], asa = s[20], ase = s[21], asi = s[22], aso = s[23], asu = s[24];
    long eba, ebe, ebi, ebo, ebu, ega, ege, egi, ego, egu, eka, eke, eki, eko, eku, ema, eme, emi, emo, emu, esa, ese, esi, eso, esu;
    long ba, be, bi, bo, bu, da, de, di, do_, du;
    long ca = aba ^ aga ^ aka ^ ama ^ asa, ce = abe ^ age ^ ake ^ ame ^ ase, ci = abi ^ agi ^ aki ^ ami ^ asi, co = abo ^ ago ^ ako ^ amo ^ aso, cu = abu ^ agu ^ aku ^ amu ^ asu;
    for (int round = 0; round < 24; round += 2) {
      da = cu ^ Long.rotateLeft(ce, 1); de = ca ^ Long.rotateLeft(ci, 1); di = ce ^ Long.rotateLeft(co, 1); do_ = ci ^ Long.rotateLeft(cu, 1); du = co ^ Long.rotateLeft(ca, 1);
      ba = aba ^ da; be = Long.rotateLeft(age ^ de, 44); bi = Long.rotateLeft(aki ^ di, 43); bo = Long.rotateLeft(amo ^ do_, 21); bu = Long.rotateLeft(asu ^ du, 14);
      eba = ba ^ (~be & bi) ^ ROUND_CONSTANTS[round]; ca = eba; ebe = be ^ (~bi & bo); ce = ebe; ebi = bi ^ (~bo & bu); ci = ebi; ebo = bo ^ (~bu & ba); co = ebo; ebu = bu ^ (~ba & be); cu = ebu;
      ba = Long.rotateLeft(abo ^ do_, 28); be = Long.rotateLeft(agu ^ du, 20); bi = Long.rotateLeft(aka ^ da, 3); bo = Long.rotateLeft(ame ^ de, 45); bu = Long.rotateLeft(asi ^ di, 61);
      ega = ba ^ (~be & bi); ca ^= ega; ege = be ^ (~bi & bo); ce ^= ege; egi = bi ^ (~bo & bu); ci ^= egi; ego = bo ^ (~bu & ba); co ^= ego; egu = bu ^ (~ba & be); cu ^= egu;
      ba = Long.rotateLeft(abe ^ de, 1); be = Long.rotateLeft(agi ^ di, 6); bi = Long.rotateLeft(ako ^ do_, 25); bo = Long.rotateLeft(amu ^ du, 8); bu = Long.rotateLeft(asa ^ da, 18);
      eka = ba ^ (~be & bi); ca ^= eka; eke = be ^ (~bi & bo); ce ^= eke; eki = bi ^ (~bo & bu); ci ^= eki; eko = bo ^ (~bu & ba); co ^= eko; eku = bu ^ (~ba & be); cu ^= eku;
      ba = Long.rotateLeft(abu ^ du, 27); be = Long.rotateLeft(aga ^ da, 36); bi = Long.rotateLeft(ake ^ de, 10); bo = Long.rotateLeft(ami ^ di, 15); bu = Long.rotateLeft(aso ^ do_, 56);
      ema = ba ^ (~be & bi); ca ^= ema; eme = be ^ (~bi & bo); ce ^= eme; emi = bi ^ (~bo & bu); ci ^= emi; emo = bo ^ (~bu & ba); co ^= emo; emu = bu ^ (~ba & be); cu ^= emu;
      ba = Long.rotateLeft(abi ^ di, 62); be = Long.rotateLeft(ago ^ do_, 55); bi = Long.rotateLeft(aku ^ du, 39); bo = Long.rotateLeft(ama ^ da, 41); bu = Long.rotateLeft(ase ^ de, 2);
      esa = ba ^ (~be & bi); ca ^= esa; ese = be ^ (~bi & bo); ce ^= ese; esi = bi ^ (~bo & bu); ci ^= esi; eso = bo ^ (~bu & ba); co ^= eso; esu = bu ^ (~ba & be); cu ^= esu;
      da = cu ^ Long.rotateLeft(ce, 1); de = ca ^ Long.rotateLeft(ci, 1); di = ce ^ Long.rotateLeft(co, 1); do_ = ci ^ Long.rotateLeft(cu, 1); du = co ^ Long.rotateLeft(ca, 1);
      ba = eba ^ da; be = Long.rotateLeft(ege ^ de, 44); bi = Long.rotateLeft(eki ^ di, 43); bo = Long.rotateLeft(emo ^ do_, 21); bu = Long.rotateLeft(esu ^ du, 14);
      aba = ba ^ (~be & bi) ^ ROUND_CONSTANTS[round + 1]; ca = aba; abe = be ^ (~bi & bo); ce = abe; abi = bi ^ (~bo & bu); ci = abi; abo = bo ^ (~bu & ba); co = abo; abu = bu ^ (~ba & be); cu = abu;
      ba = Long.rotateLeft(ebo ^ do_, 28); be = Long.rotateLeft(egu ^ du, 20); bi = Long.rotateLeft(eka ^ da, 3); bo = Long.rotateLeft(eme ^ de, 45); bu = Long.rotateLeft(esi ^ di, 61);
      aga = ba ^ (~be & bi); ca ^= aga; age = be ^ (~bi & bo); ce ^= age; agi = bi ^ (~bo & bu); ci ^= agi; ago = bo ^ (~bu & ba); co ^= ago; agu = bu ^ (~ba & be); cu ^= agu;
      ba = Long.rotateLeft(ebe ^ de, 1); be = Long.rotateLeft(egi ^ di, 6); bi = Long.rotateLeft(eko ^ do_, 25); bo = Long.rotateLeft(emu ^ du, 8); bu = Long.rotateLeft(esa ^ da, 18);
      aka = ba ^ (~be & bi); ca ^= aka; ake = be ^ (~bi & bo); ce ^= ake; aki = bi ^ (~bo & bu); ci ^= aki; ako = bo ^ (~bu & ba); co ^= ako; aku = bu ^ (~ba & be); cu ^= aku;
      ba = Long.rotateLeft(ebu ^ du, 27); be = Long.rotateLeft(ega ^ da, 36); bi = Long.rotateLeft(eke ^ de, 10); bo = Long.rotateLeft(emi ^ di, 15); bu = Long.rotateLeft(eso ^ do_, 56);
      ama = ba ^ (~be & bi); ca ^= ama; ame = be ^ (~bi & bo); ce ^= ame; ami = bi ^ (~bo & bu); ci ^= ami; amo = bo ^ (~bu & ba); co ^= amo; amu = bu ^ (~ba & be); cu ^= amu;
      ba = Long.rotateLeft(ebi ^ di, 62); be = Long.rotateLeft(ego ^ do_, 55); bi = Long.rotateLeft(eku ^ du, 39); bo = Long.rotateLeft(ema ^ da, 41); bu = Long.rotateLeft(ese ^ de, 2);
      asa = ba ^ (~be & bi); ca ^= asa; ase = be ^ (~bi & bo); ce ^= ase; asi = bi ^ (~bo & bu); ci ^= asi; aso = bo ^ (~bu & ba); co ^= aso; asu = bu ^ (~ba & be); cu ^= asu;
    }
    s[0] = aba; s[1] = abe; s[2] = abi; s[3] = abo; s[4] = abu; s[5] = aga; s[6] = age; s[7] = agi; s[8] = ago; s[9] = agu; s[10] = aka; s[11] = ake; s[12] = aki; s[13] = ako; s[14] = aku; s[15] = ama; s[16] = ame; s[17] = ami; s[18] = amo; s[19] = amu; s[20] = asa; s[21] = ase; s[22] = asi; s[23] = aso; s[24] = asu;
  }
}
