package io.deployguard.network;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.deployguard.policy.Unset;
import java.util.List;

/**
 * The {@code network:} section of {@code deployguard.yml}: which ports the security-group rules
 * treat as allowed, administrative or high-risk. Missing keys take the defaults of DESIGN.md. Ports
 * bind as {@link Port} and the prefix as {@link CidrPrefix}, which hold their limits.
 *
 * @param allowedPublicPorts ports that may be open to the world (SG004), default 80 and 443
 * @param adminPorts remote-administration ports (SG002), default 22 and 3389
 * @param highRiskPorts high-risk service ports (SG003)
 * @param wideCidrPrefix a public CIDR with a prefix shorter than this is "wide" (SG005), default 16
 */
public record NetworkSettings(
    @JsonProperty("allowed_public_ports") @JsonDeserialize(contentConverter = Port.Number.class)
        List<Integer> allowedPublicPorts,
    @JsonProperty("admin_ports") @JsonDeserialize(contentConverter = Port.Number.class) List<Integer> adminPorts,
    @JsonProperty("high_risk_ports") @JsonDeserialize(contentConverter = Port.Number.class)
        List<Integer> highRiskPorts,
    @JsonProperty("wide_cidr_prefix") @JsonDeserialize(converter = CidrPrefix.Bits.class) Integer wideCidrPrefix) {

  public static final List<Integer> DEFAULT_HIGH_RISK = List.of(
      20, 21, 23, 25, 110, 135, 143, 445, 1433, 1434, 2375, 2376, 3000, 3306, 4333, 5000, 5432, 5500,
      5601, 6379, 8080, 8088, 8888, 9200, 9300, 11211, 27017);

  public static final NetworkSettings DEFAULT = new NetworkSettings(null, null, null, null);

  public NetworkSettings {
    allowedPublicPorts = Unset.list(allowedPublicPorts, List.of(80, 443));
    adminPorts = Unset.list(adminPorts, List.of(22, 3389));
    highRiskPorts = Unset.list(highRiskPorts, DEFAULT_HIGH_RISK);
    wideCidrPrefix = wideCidrPrefix == null ? 16 : wideCidrPrefix;
    // Built in code, the same values as read: the types hold the limits.
    for (List<Integer> ports : List.of(allowedPublicPorts, adminPorts, highRiskPorts)) {
      for (int port : ports) {
        new Port(port);
      }
    }
    new CidrPrefix(wideCidrPrefix);
  }
}
