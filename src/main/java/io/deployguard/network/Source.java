package io.deployguard.network;

/**
 * Where traffic of a rule comes from (ingress) or goes to (egress): a CIDR, a managed prefix
 * list, another security group, or the group itself.
 */
public sealed interface Source permits Cidr, Source.PrefixList, Source.Group, Source.Self {

  /** How the source is shown in messages: {@code 0.0.0.0/0}, {@code pl-...}, {@code sg-...}, {@code self}. */
  String display();

  /** A managed prefix list; its entries are not known from the rule alone. */
  record PrefixList(String id) implements Source {
    public PrefixList {
      if (id == null || id.isBlank()) {
        throw new IllegalArgumentException("a prefix list needs an id");
      }
    }

    @Override
    public String display() {
      return id;
    }
  }

  /** Another security group (possibly in another account, {@code 123456789012/sg-...}). */
  record Group(String id) implements Source {
    public Group {
      if (id == null || id.isBlank()) {
        throw new IllegalArgumentException("a security-group source needs an id");
      }
    }

    @Override
    public String display() {
      return id;
    }
  }

  /** The rule's own group. */
  record Self() implements Source {
    @Override
    public String display() {
      return "self";
    }
  }
}
