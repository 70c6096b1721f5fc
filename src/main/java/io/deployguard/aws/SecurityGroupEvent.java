package io.deployguard.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deployguard.policy.InputException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An EventBridge "AWS API Call via CloudTrail" event of {@code AuthorizeSecurityGroupIngress} or
 * {@code ModifySecurityGroupRules}, reduced to what remediation needs: the ingress rule ids it
 * names, where, and who made the call. Anything else is an {@link InputException} naming the
 * place in the event; such an event revokes nothing.
 *
 * @param eventName the API call
 * @param region the call's region
 * @param account the account id
 * @param principal the caller's ARN ({@code detail.userIdentity.arn}), or {@code unknown}
 * @param ruleIds ingress rule ids ({@code sgr-...}) the call created or changed; empty when the
 *     call failed
 * @param errorCode the call's error code when it failed (then nothing changed), else {@code null}
 */
public record SecurityGroupEvent(
    String eventName, String region, String account, String principal, List<String> ruleIds, String errorCode) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public static final String AUTHORIZE = "AuthorizeSecurityGroupIngress";
  public static final String MODIFY = "ModifySecurityGroupRules";
  private static final Pattern RULE_ID = Pattern.compile("sgr-[0-9a-f]{8,32}");
  private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");

  public SecurityGroupEvent {
    Objects.requireNonNull(eventName, "eventName");
    ruleIds = List.copyOf(ruleIds);
  }

  /** Whether the API call failed, so that there is nothing to look at. */
  public boolean failedCall() {
    return errorCode != null;
  }

  /**
   * @param input the event's name in errors ({@code event}, or a file name)
   * @throws InputException naming the place in the event and what was expected
   */
  public static SecurityGroupEvent parse(byte[] json, String input) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new InputException(input, "", "not JSON: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""),
          "deliver the EventBridge event unchanged (no input transformer)");
    }
    if (root == null || !root.isObject()) {
      throw bad(input, "", "the event is not a JSON object");
    }
    if (!"AWS API Call via CloudTrail".equals(root.path("detail-type").asText(null))) {
      throw bad(input, "detail-type", "expected 'AWS API Call via CloudTrail', got " + root.path("detail-type"));
    }
    JsonNode detail = root.path("detail");
    if (!detail.isObject()) {
      throw bad(input, "detail", "the event has no detail object");
    }
    String name = detail.path("eventName").asText("");
    if (!name.equals(AUTHORIZE) && !name.equals(MODIFY)) {
      throw bad(input, "detail.eventName", "'" + name + "' is not " + AUTHORIZE + " or " + MODIFY
          + " (check the EventBridge rule's event pattern)");
    }
    String region = text(detail, "awsRegion", root.path("region").asText(null));
    if (!AwsScope.isRegionName(region)) {
      throw bad(input, "detail.awsRegion", "missing or not a region: " + region);
    }
    String account = root.path("account").asText(detail.path("recipientAccountId").asText(null));
    if (account == null || !ACCOUNT.matcher(account).matches()) {
      throw bad(input, "account", "missing or not a 12-digit account id: " + account);
    }
    JsonNode identity = detail.path("userIdentity");
    String principal = text(identity, "arn", text(identity.path("sessionContext").path("sessionIssuer"), "arn", "unknown"));
    if (detail.hasNonNull("errorCode")) {
      return new SecurityGroupEvent(name, region, account, principal, List.of(), detail.get("errorCode").asText());
    }
    Set<String> ids = new LinkedHashSet<>();
    if (name.equals(AUTHORIZE)) {
      JsonNode items = detail.path("responseElements").path("securityGroupRuleSet").path("items");
      if (!items.isArray()) {
        throw bad(input, "detail.responseElements.securityGroupRuleSet.items", "missing; CloudTrail lists the created"
            + " rules there");
      }
      for (int i = 0; i < items.size(); i++) {
        JsonNode item = items.get(i);
        if (item.path("isEgress").asBoolean(false)) {
          continue;
        }
        ids.add(ruleId(item.path("securityGroupRuleId"), input,
            "detail.responseElements.securityGroupRuleSet.items[" + i + "].securityGroupRuleId"));
      }
    } else {
      String base = "detail.requestParameters.ModifySecurityGroupRulesRequest.SecurityGroupRule";
      JsonNode rules = detail.path("requestParameters").path("ModifySecurityGroupRulesRequest").path("SecurityGroupRule");
      List<JsonNode> list = new ArrayList<>();
      if (rules.isArray()) {
        rules.forEach(list::add);
      } else if (rules.isObject()) {
        list.add(rules);
      } else {
        throw bad(input, base, "missing; CloudTrail lists the modified rules there");
      }
      for (int i = 0; i < list.size(); i++) {
        ids.add(ruleId(list.get(i).path("SecurityGroupRuleId"), input, base + "[" + i + "].SecurityGroupRuleId"));
      }
    }
    return new SecurityGroupEvent(name, region, account, principal, new ArrayList<>(ids), null);
  }

  private static String ruleId(JsonNode n, String input, String place) {
    String id = n.isTextual() ? n.asText() : null;
    if (id == null || !RULE_ID.matcher(id).matches()) {
      throw bad(input, place, "expected a security-group rule id (sgr-...), got " + n);
    }
    return id;
  }

  private static String text(JsonNode n, String field, String fallback) {
    JsonNode v = n.get(field);
    return v != null && v.isTextual() && !v.asText().isBlank() ? v.asText() : fallback;
  }

  private static InputException bad(String input, String place, String problem) {
    return new InputException(input, place, problem,
        "the handler takes EventBridge CloudTrail events of " + AUTHORIZE + " and " + MODIFY + "; nothing was revoked");
  }
}
