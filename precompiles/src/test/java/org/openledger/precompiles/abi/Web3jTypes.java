package org.openledger.precompiles.abi;

import java.lang.reflect.InvocationTargetException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.openledger.precompiles.Address;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.BytesType;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.DynamicStruct;
import org.web3j.abi.datatypes.NumericType;
import org.web3j.abi.datatypes.StaticStruct;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;

/** Converts between our (type, value) pairs and web3j's typed values. */
final class Web3jTypes {
  private static final String GENERATED = "org.web3j.abi.datatypes.generated.";

  private Web3jTypes() {}

  /** Our value of {@code type} as the web3j value that encodes the same way. */
  static Type<?> toWeb3j(AbiType type, Object value) {
    return switch (type) {
      case AbiType.Uint u -> instantiate(GENERATED + "Uint" + u.bits(), BigInteger.class, value);
      case AbiType.Int i -> instantiate(GENERATED + "Int" + i.bits(), BigInteger.class, value);
      case AbiType.AddressType a -> new org.web3j.abi.datatypes.Address(((Address) value).toHexString());
      case AbiType.Bool b -> new Bool((Boolean) value);
      case AbiType.FixedBytes f -> instantiate(GENERATED + "Bytes" + f.length(), byte[].class, ((Bytes) value).toArray());
      case AbiType.DynamicBytes d -> new DynamicBytes(((Bytes) value).toArray());
      case AbiType.Str s -> new Utf8String((String) value);
      case AbiType.Array a -> {
        List<Type<?>> elements = convertAll(a.element(), (List<?>) value);
        yield a.isFixed()
            ? instantiateArray(GENERATED + "StaticArray" + a.length(), web3jClass(a.element()), elements)
            : new DynamicArray<>(web3jClass(a.element()), elements);
      }
      case AbiType.Tuple t -> {
        List<?> list = (List<?>) value;
        List<Type> components = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) components.add(toWeb3j(t.components().get(i), list.get(i)));
        yield t.isDynamic() ? new DynamicStruct(components) : new StaticStruct(components);
      }
    };
  }

  static List<Type> toWeb3j(AbiType.Tuple types, List<?> values) {
    List<Type> out = new ArrayList<>();
    for (int i = 0; i < types.size(); i++) out.add(toWeb3j(types.components().get(i), values.get(i)));
    return out;
  }

  /** A web3j value decoded as {@code type} back to our Java representation. */
  static Object fromWeb3j(AbiType type, Type<?> value) {
    return switch (type) {
      case AbiType.Uint u -> ((NumericType) value).getValue();
      case AbiType.Int i -> ((NumericType) value).getValue();
      case AbiType.AddressType a -> Address.fromHex(((org.web3j.abi.datatypes.Address) value).getValue());
      case AbiType.Bool b -> ((Bool) value).getValue();
      case AbiType.FixedBytes f -> Bytes.wrap(((BytesType) value).getValue());
      case AbiType.DynamicBytes d -> Bytes.wrap(((BytesType) value).getValue());
      case AbiType.Str s -> ((Utf8String) value).getValue();
      case AbiType.Array a -> {
        List<Object> out = new ArrayList<>();
        for (Object element : ((org.web3j.abi.datatypes.Array<?>) value).getValue()) {
          out.add(fromWeb3j(a.element(), (Type<?>) element));
        }
        yield out;
      }
      case AbiType.Tuple t -> {
        List<?> components = ((org.web3j.abi.datatypes.Array<?>) value).getValue();
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) out.add(fromWeb3j(t.components().get(i), (Type<?>) components.get(i)));
        yield out;
      }
    };
  }

  /** web3j's type reference for a canonical type name (arrays and elementary types; not tuples). */
  @SuppressWarnings("unchecked")
  static TypeReference<Type> typeReference(AbiType type) {
    try {
      return TypeReference.makeTypeReference(type.canonical());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Type<?>> convertAll(AbiType element, List<?> values) {
    List<Type<?>> out = new ArrayList<>();
    for (Object v : values) out.add(toWeb3j(element, v));
    return out;
  }

  /** The web3j class of values of {@code type}: web3j needs it to name the type of an empty array. */
  @SuppressWarnings("rawtypes")
  static Class web3jClass(AbiType type) {
    return switch (type) {
      case AbiType.Uint u -> load(GENERATED + "Uint" + u.bits());
      case AbiType.Int i -> load(GENERATED + "Int" + i.bits());
      case AbiType.AddressType a -> org.web3j.abi.datatypes.Address.class;
      case AbiType.Bool b -> Bool.class;
      case AbiType.FixedBytes f -> load(GENERATED + "Bytes" + f.length());
      case AbiType.DynamicBytes d -> DynamicBytes.class;
      case AbiType.Str s -> Utf8String.class;
      case AbiType.Array a -> a.isFixed() ? load(GENERATED + "StaticArray" + a.length()) : DynamicArray.class;
      case AbiType.Tuple t -> t.isDynamic() ? DynamicStruct.class : StaticStruct.class;
    };
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Type<?> instantiate(String className, Class<?> argType, Object arg) {
    try {
      return (Type<?>) load(className).getConstructor(argType).newInstance(arg);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Type<?> instantiateArray(String className, Class<?> elementClass, List<Type<?>> elements) {
    try {
      return (Type<?>) load(className).getConstructor(Class.class, List.class).newInstance(elementClass, elements);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
