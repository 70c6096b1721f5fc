package io.deployguard.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.SpecVersionDetector;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.xml.sax.SAXException;

/** Validation of reports against the schemas their consumers publish (copies under /schemas). */
final class SchemaCheck {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private SchemaCheck() {}

  /** Messages of {@code json} against the JSON Schema at classpath {@code resource}; empty when valid. */
  static List<String> jsonErrors(String resource, String json) {
    try (InputStream in = SchemaCheck.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("schema " + resource + " is not on the test classpath");
      }
      JsonNode schemaNode = MAPPER.readTree(in);
      // GitLab's code-quality schema names no draft; its keywords mean the same in draft 7.
      SpecVersion.VersionFlag draft =
          SpecVersionDetector.detectOptionalVersion(schemaNode, true).orElse(SpecVersion.VersionFlag.V7);
      JsonSchema schema = JsonSchemaFactory.getInstance(draft).getSchema(schemaNode);
      List<String> errors = new ArrayList<>();
      for (ValidationMessage m : schema.validate(MAPPER.readTree(json))) {
        errors.add(m.getMessage());
      }
      return errors;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The first XSD violation of {@code xml} against the schema at classpath {@code resource}, or null. */
  static String xmlError(String resource, String xml) {
    try {
      SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
      Schema schema = factory.newSchema(SchemaCheck.class.getResource(resource));
      schema.newValidator().validate(new StreamSource(new StringReader(xml)));
      return null;
    } catch (SAXException e) {
      return e.getMessage();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
