import Foundation
import ResultsModel
import Testing

@Suite("Ordered JSON")
struct JSONValueTests {
    @Test("Keys keep their order; nil and non-finite numbers are null; strings are escaped")
    func serialization() throws {
        let v = JSONValue.object([
            ("b", .int(1)), ("a", .number(Double?.none)), ("nan", .number(Double.nan)), ("x", .number(2.5)),
            ("s", .string("q\"\\\n")), ("list", .array([.int(1), .number(3.0)])),
        ])
        let text = v.serialized(pretty: false)
        #expect(text == #"{"b":1,"a":null,"nan":null,"x":2.5,"s":"q\"\\\n","list":[1,3.0]}"#)
        // And it is valid JSON that reads back.
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(v.serialized().utf8)) as? [String: Any])
        #expect(parsed["x"] as? Double == 2.5)
        #expect(parsed["a"] is NSNull)
    }
}

