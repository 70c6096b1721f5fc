package io.deployguard.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes a synthetic {@code terraform show -json} plan of N resources for the plan benchmark: a
 * realistic mix (instances, buckets, IAM, security groups with inline rules, standalone and VPC
 * rules, log groups) spread over many module instances, about 1.3 KB per resource across
 * planned_values and resource_changes. Deterministic for a given N.
 *
 * <p>Run with the source launcher: {@code java src/bench/java/io/deployguard/bench/PlanGenerator.java 100000 out.json}.
 * An optional third argument, PAD_BYTES, gives every resource of an unchecked type a {@code policy}
 * string of that many bytes, as IAM and bucket policies or user data make real plans large: 100k
 * resources with 6700 bytes each make a 1 GB plan with the findings of the 125 MiB one.
 */
public final class PlanGenerator {
  private PlanGenerator() {}

  private static final int PER_MODULE = 40;

  /** The {@code policy} text of each unchecked resource, empty for none. */
  private static String padding = "";

  public static void main(String[] args) throws IOException {
    if (args.length != 2 && args.length != 3) {
      System.err.println("usage: PlanGenerator RESOURCES OUT.json [PAD_BYTES]");
      System.exit(2);
    }
    int n = Integer.parseInt(args[0]);
    Path out = Path.of(args[1]);
    padding = args.length == 3 ? "IyEvYmluL2Jhc2gK".repeat(Integer.parseInt(args[2]) / 16 + 1).substring(0, Integer.parseInt(args[2])) : "";
    try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      write(n, w);
    }
  }

  private static String module(int i) {
    int m = i / PER_MODULE;
    return m == 0 ? "" : "module.svc_" + (m % 97) + "[\"" + (m / 97) + "\"].";
  }

  private static String kind(int i) {
    int k = i % 20;
    if (k < 3) {
      return "aws_security_group";
    }
    if (k < 5) {
      return "aws_security_group_rule";
    }
    if (k == 5) {
      return "aws_vpc_security_group_ingress_rule";
    }
    if (k == 6) {
      return "aws_cloudwatch_log_group";
    }
    return new String[] {"aws_instance", "aws_s3_bucket", "aws_iam_role", "aws_iam_role_policy_attachment",
        "aws_route53_record", "aws_lb_target_group", "aws_ecs_service"}[k % 7];
  }

  private static String address(int i) {
    return module(i) + kind(i) + ".r" + i + (i % 3 == 0 ? "[" + (i % 5) + "]" : "");
  }

  private static void write(int n, BufferedWriter w) throws IOException {
    Random random = new Random(n);
    w.write("{\"format_version\":\"1.2\",\"terraform_version\":\"1.9.8\",\"variables\":{\"region\":{\"value\":\"eu-west-1\"}},");
    w.write("\"planned_values\":{\"root_module\":{\"resources\":[");
    // Root-module resources first, then one child module per block of PER_MODULE resources.
    int rootEnd = Math.min(n, PER_MODULE);
    for (int i = 0; i < rootEnd; i++) {
      if (i > 0) {
        w.write(',');
      }
      plannedResource(w, i, random);
    }
    w.write("],\"child_modules\":[");
    for (int start = PER_MODULE; start < n; start += PER_MODULE) {
      if (start > PER_MODULE) {
        w.write(',');
      }
      String mod = module(start);
      w.write("{\"address\":\"" + esc(mod.substring(0, mod.length() - 1)) + "\",\"resources\":[");
      for (int i = start; i < Math.min(n, start + PER_MODULE); i++) {
        if (i > start) {
          w.write(',');
        }
        plannedResource(w, i, random);
      }
      w.write("]}");
    }
    w.write("]}},\"resource_changes\":[");
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        w.write(",\n");
      }
      resourceChange(w, i, random);
    }
    w.write("],\"configuration\":{\"provider_config\":{\"aws\":{\"name\":\"aws\"}},\"root_module\":{}},");
    w.write("\"timestamp\":\"2025-11-20T10:00:00Z\",\"applyable\":true,\"complete\":true,\"errored\":false}\n");
  }

  private static String esc(String s) {
    return s.replace("\"", "\\\"");
  }

  private static void plannedResource(BufferedWriter w, int i, Random random) throws IOException {
    String type = kind(i);
    w.write("{\"address\":\"" + esc(address(i)) + "\",\"mode\":\"managed\",\"type\":\"" + type + "\",\"name\":\"r" + i
        + "\",\"provider_name\":\"registry.terraform.io/hashicorp/aws\",\"schema_version\":1,\"values\":");
    w.write(values(i, type, random));
    w.write(",\"sensitive_values\":{}}");
  }

  private static void resourceChange(BufferedWriter w, int i, Random random) throws IOException {
    String type = kind(i);
    String action = i % 50 == 7 ? "\"delete\"" : i % 10 == 3 ? "\"update\"" : "\"create\"";
    String values = values(i, type, random);
    String before = action.equals("\"create\"") ? "null" : values;
    String after = action.equals("\"delete\"") ? "null" : values;
    w.write("{\"address\":\"" + esc(address(i)) + "\",\"mode\":\"managed\",\"type\":\"" + type + "\",\"name\":\"r" + i
        + "\",\"provider_name\":\"registry.terraform.io/hashicorp/aws\",\"change\":{\"actions\":[" + action
        + "],\"before\":" + before + ",\"after\":" + after + ",\"after_unknown\":" + unknown(type)
        + ",\"before_sensitive\":false,\"after_sensitive\":{\"tags\":{}}}}");
  }

  private static String cidr(Random random) {
    int r = random.nextInt(100);
    if (r < 8) {
      return "0.0.0.0/0";
    }
    if (r < 10) {
      return "::/0";
    }
    return "10." + random.nextInt(256) + "." + random.nextInt(256) + ".0/24";
  }

  private static int port(Random random) {
    int[] common = {22, 80, 443, 443, 443, 5432, 6379, 8080, 8443, 3306};
    return common[random.nextInt(common.length)];
  }

  private static String inline(Random random) {
    String c = cidr(random);
    boolean v6 = c.contains(":");
    int p = port(random);
    return "{\"cidr_blocks\":[" + (v6 ? "" : "\"" + c + "\"") + "],\"description\":\"service traffic\",\"from_port\":" + p
        + ",\"ipv6_cidr_blocks\":[" + (v6 ? "\"" + c + "\"" : "") + "],\"prefix_list_ids\":[],\"protocol\":\"tcp\","
        + "\"security_groups\":[],\"self\":false,\"to_port\":" + p + "}";
  }

  private static String values(int i, String type, Random random) {
    String v = checkedValues(i, type, random);
    if (padding.isEmpty() || i % 20 < 7) {
      return v;
    }
    return v.substring(0, v.length() - 1) + ",\"policy\":\"" + padding + "\"}";
  }

  private static String checkedValues(int i, String type, Random random) {
    String tags = "\"tags\":{\"Name\":\"r" + i + "\",\"team\":\"platform\",\"env\":\"prod\"}";
    return switch (type) {
      case "aws_security_group" -> "{\"description\":\"Managed by Terraform\",\"egress\":[{\"cidr_blocks\":[\"0.0.0.0/0\"],"
          + "\"description\":\"\",\"from_port\":0,\"ipv6_cidr_blocks\":[],\"prefix_list_ids\":[],\"protocol\":\"-1\","
          + "\"security_groups\":[],\"self\":false,\"to_port\":0}],\"ingress\":[" + inline(random) + "," + inline(random)
          + "],\"name\":\"sg-r" + i + "\",\"revoke_rules_on_delete\":false," + tags + ",\"timeouts\":null}";
      case "aws_security_group_rule" -> {
        int p = port(random);
        yield "{\"cidr_blocks\":[\"" + cidr(random).replace("::/0", "0.0.0.0/0") + "\"],\"description\":null,\"from_port\":"
            + p + ",\"ipv6_cidr_blocks\":null,\"prefix_list_ids\":null,\"protocol\":\"tcp\",\"self\":false,\"to_port\":"
            + p + ",\"type\":\"ingress\",\"timeouts\":null}";
      }
      case "aws_vpc_security_group_ingress_rule" -> "{\"cidr_ipv4\":null,\"cidr_ipv6\":null,\"description\":\"from app\","
          + "\"from_port\":5432,\"ip_protocol\":\"tcp\",\"prefix_list_id\":null,\"referenced_security_group_id\":"
          + "\"sg-0a1b2c3d4e5f" + String.format("%05d", i % 100000) + "\"," + tags + ",\"to_port\":5432}";
      case "aws_cloudwatch_log_group" -> "{\"kms_key_id\":null,\"log_group_class\":\"STANDARD\",\"name\":\"/ecs/r" + i
          + "\",\"retention_in_days\":" + (i % 3 == 0 ? "null" : "30") + ",\"skip_destroy\":false," + tags + "}";
      case "aws_instance" -> "{\"ami\":\"ami-0c55b159cbfafe1f0\",\"associate_public_ip_address\":false,"
          + "\"instance_type\":\"t3.medium\",\"monitoring\":true,\"root_block_device\":[{\"delete_on_termination\":true,"
          + "\"encrypted\":true,\"volume_size\":50,\"volume_type\":\"gp3\"}],\"user_data\":\"" + "IyEvYmluL2Jhc2gK".repeat(8)
          + "\"," + tags + ",\"vpc_security_group_ids\":[\"sg-0123456789abcdef0\"]}";
      case "aws_iam_role" -> "{\"assume_role_policy\":\"{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":[{"
          + "\\\"Effect\\\":\\\"Allow\\\",\\\"Principal\\\":{\\\"Service\\\":\\\"ecs-tasks.amazonaws.com\\\"},"
          + "\\\"Action\\\":\\\"sts:AssumeRole\\\"}]}\",\"description\":null,\"force_detach_policies\":false,"
          + "\"max_session_duration\":3600,\"name\":\"role-r" + i + "\",\"path\":\"/\"," + tags + "}";
      default -> "{\"name\":\"r" + i + "\",\"port\":" + (8000 + i % 1000) + ",\"protocol\":\"HTTP\",\"enabled\":true,"
          + "\"health_check\":[{\"path\":\"/health\",\"interval\":30,\"timeout\":5,\"healthy_threshold\":3}],"
          + "\"settings\":{\"a\":\"" + Long.toHexString(random.nextLong()) + "\",\"b\":[1,2,3]}," + tags + "}";
    };
  }

  private static String unknown(String type) {
    return switch (type) {
      case "aws_security_group" -> "{\"arn\":true,\"egress\":[{\"cidr_blocks\":[false],\"ipv6_cidr_blocks\":[],"
          + "\"prefix_list_ids\":[],\"security_groups\":[]}],\"id\":true,\"ingress\":[{},{}],\"owner_id\":true,\"vpc_id\":true}";
      case "aws_security_group_rule" -> "{\"id\":true,\"security_group_id\":true,\"source_security_group_id\":true}";
      default -> "{\"arn\":true,\"id\":true,\"tags_all\":true}";
    };
  }
}
