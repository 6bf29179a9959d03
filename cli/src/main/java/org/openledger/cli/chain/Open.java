package org.openledger.cli.chain;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.openledger.cli.UserError;

/** OPEN amounts as people type and read them ("12.5") and as the chain holds them (wei, 18 decimals). */
public final class Open {
  public static final int DECIMALS = 18;
  public static final BigInteger WEI_PER_OPEN = BigInteger.TEN.pow(DECIMALS);

  private Open() {}

  /** Parses "12.5", "0.000000000000000001" or "3e2" into wei; refuses negatives and sub-wei precision. */
  public static BigInteger parse(String amount, String what) {
    BigDecimal value;
    try {
      value = new BigDecimal(amount.strip());
    } catch (NumberFormatException e) {
      throw new UserError(what + " '" + amount + "' is not a number of OPEN (e.g. 12.5)");
    }
    if (value.signum() < 0) throw new UserError(what + " must not be negative, got " + amount);
    BigDecimal wei = value.movePointRight(DECIMALS);
    try {
      return wei.toBigIntegerExact();
    } catch (ArithmeticException e) {
      throw new UserError(what + " '" + amount + "' has more than 18 decimals (1 wei = 1e-18 OPEN)");
    }
  }

  /** wei as OPEN with no trailing zeros: 12500000000000000000 → "12.5". */
  public static String format(BigInteger wei) {
    BigDecimal open = new BigDecimal(wei).movePointLeft(DECIMALS).stripTrailingZeros();
    return (open.scale() < 0 ? open.setScale(0) : open).toPlainString();
  }
}
