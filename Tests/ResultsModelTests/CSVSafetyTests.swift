import ResultsModel
import Testing

@Suite("CSV cells and terminal text from hostile values")
struct CSVSafetyTests {
    @Test("A text cell beginning with = + - @ tab or CR gets a leading apostrophe; numbers stay numbers",
          arguments: [
              ("=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")"), ("+1", "'+1"), ("-2", "'-2"),
              ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "'\rx"), ("PAT-A", "PAT-A"), ("", ""),
          ])
    func formula(text: String, expected: String) {
        #expect(CSVTable.cell(.string(text)) == expected)
    }

    @Test("Negative numbers are written as numbers")
    func numbers() {
        #expect(CSVTable.cell(.number(-250.0)) == "-250.0")
        #expect(CSVTable.cell(.int(-3)) == "-3")
        #expect(CSVTable.cell(.number(Double.nan)) == "")
    }

    @Test("A list of words is joined by semicolons, and the joined text is neutralised like any text")
    func lists() {
        #expect(CSVTable.cell(.array([.string("incomplete"), .string("small_roi")])) == "incomplete;small_roi")
        #expect(CSVTable.cell(.array([.string("-x"), .string("y")])) == "'-x;y")
        #expect(CSVTable.cell(.array([.number(1.5), .number(-2.0)])) == "1.5;-2.0")
    }

    @Test("ESC, BEL, OSC and C1 controls are escaped in CSV, JSON and terminal text; tab/CR/LF kept in CSV")
    func controls() {
        let hostile = "P\u{1B}]0;owned\u{07}X\u{9B}2J\u{202E}"
        #expect(CSVTable.cell(.string(hostile)) == "P\\x1B]0;owned\\x07X\\x9B2J\\u{202E}")
        #expect(TerminalText.escaped("a\nb\u{1B}[2J") == "a\nb\\x1B[2J")
        #expect(ControlCharacters.escaped("a\nb") == "a\\x0Ab")
        #expect(JSONValue.string(hostile).serialized() == "\"P\\u001b]0;owned\\u0007X\\u009b2J\\u202e\"")
        #expect(CSVTable.cell(.string("a\tb")) == "a\tb")
    }

    @Test("RFC 4180 quoting of commas, quotes and line breaks")
    func quoting() {
        #expect(CSVTable.render(header: ["a", "b"], rows: [["x,y", "say \"hi\""], ["1\n2", ""]])
            == "a,b\r\n\"x,y\",\"say \"\"hi\"\"\"\r\n\"1\n2\",\r\n")
    }
}
