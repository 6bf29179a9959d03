package org.openledger.precompiles.contract;

import java.math.BigInteger;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.precompiles.Address;

/** A call's decoded arguments, by position, with the Java type of each ABI type. */
public record Args(List<Object> values) {

  public Object get(int i) { return values.get(i); }
  public BigInteger uint(int i) { return (BigInteger) values.get(i); }
  public BigInteger integer(int i) { return (BigInteger) values.get(i); }
  public Address address(int i) { return (Address) values.get(i); }
  public boolean bool(int i) { return (Boolean) values.get(i); }
  public Bytes bytes(int i) { return (Bytes) values.get(i); }
  public Bytes32 bytes32(int i) { return Bytes32.wrap((Bytes) values.get(i)); }
  public String string(int i) { return (String) values.get(i); }

  @SuppressWarnings("unchecked")
  public List<Object> list(int i) { return (List<Object>) values.get(i); }

  public int size() { return values.size(); }
}
