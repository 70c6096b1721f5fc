package io.deployguard.network;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The {@code network:} section of {@code deployguard.yml}: which ports the security-group rules
 * treat as allowed, administrative or high-risk. Missing keys take the defaults of DESIGN.md.
 *
 * @param allowedPublicPorts ports that may be open to the world (SG004), default 80 and 443
 * @param adminPorts remote-administration ports (SG002), default 22 and 3389
 * @param highRiskPorts high-risk service ports (SG003)
 * @param wideCidrPrefix a public CIDR with a prefix shorter than this is "wide" (SG005), default 16
 */
public record NetworkSettings(
    @JsonProperty("allowed_public_ports") List<Integer> allowedPublicPorts,
    @JsonProperty("admin_ports") List<Integer> adminPorts,
    @JsonProperty("high_risk_ports") List<Integer> highRiskPorts,
    @JsonProperty("wide_cidr_prefix") Integer wideCidrPrefix) {

  public static final List<Integer> DEFAULT_HIGH_RISK = List.of(
      20, 21, 23, 25, 110, 135, 143, 445, 1433, 1434, 2375, 2376, 3000, 3306, 4333, 5000, 5432, 5500,
      5601, 6379, 8080, 8088, 8888, 9200, 9300, 11211, 27017);

  public static final NetworkSettings DEFAULT = new NetworkSettings(null, null, null, null);

  public NetworkSettings {
    allowedPublicPorts = allowedPublicPorts == null ? List.of(80, 443) : List.copyOf(allowedPublicPorts);
    adminPorts = adminPorts == null ? List.of(22, 3389) : List.copyOf(adminPorts);
    highRiskPorts = highRiskPorts == null ? DEFAULT_HIGH_RISK : List.copyOf(highRiskPorts);
    wideCidrPrefix = wideCidrPrefix == null ? 16 : wideCidrPrefix;
    for (List<Integer> ports : List.of(allowedPublicPorts, adminPorts, highRiskPorts)) {
      for (Integer p : ports) {
        if (p == null || p < 0 || p > 65535) {
          throw new IllegalArgumentException("port " + p + " is outside 0-65535");
        }
      }
    }
    if (wideCidrPrefix < 0 || wideCidrPrefix > 32) {
      throw new IllegalArgumentException("wide_cidr_prefix " + wideCidrPrefix + " is outside 0-32");
    }
  }
}
