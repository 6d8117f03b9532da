using IcpRegulatorSim.Domain.Sms;

namespace IcpRegulatorSim.Domain.Texts;

/// <summary>
/// What the HTTP/JSON side says about a request it cannot read: a body that is not JSON, a field the message does not
/// have, a value of the wrong kind, a content type, size or method it does not take.
/// </summary>
public static class JsonTexts
{
    public static PageMessage NotJson(long line, long bytePosition) => new(
        $"The body is not valid JSON: it breaks at line {line}, byte {bytePosition}.",
        $"请求体不是有效的 JSON：在第{line}行第{bytePosition}个字节处出错。");

    public static readonly PageMessage NotAnObject = new("The body is a JSON object.", "请求体应为 JSON 对象。");

    public static PageMessage UnknownField(string name) => new(
        $"There is no field \"{name}\" here: the names are the contract's, in lowerCamelCase or as the proto writes them.",
        $"此处没有名为“{name}”的字段：字段名为接口定义中的名称（lowerCamelCase 或 proto 中的写法）。");

    public static PageMessage OneOf(IEnumerable<string> names) => new(
        $"At most one of {string.Join(", ", names)} may be set.",
        $"{string.Join("、", names)} 中最多只能填写一个。");

    public static readonly PageMessage ExpectObject = new("A JSON object.", "应为 JSON 对象。");
    public static readonly PageMessage ExpectArray = new("A JSON array.", "应为 JSON 数组。");
    public static readonly PageMessage ExpectString = new("A string.", "应为字符串。");
    public static readonly PageMessage ExpectBool = new("true or false.", "应为 true 或 false。");
    public static readonly PageMessage ExpectNumber = new("A number.", "应为数字。");
    public static readonly PageMessage ExpectBytes = new("Bytes in base64.", "应为 base64 编码的字节。");
    public static readonly PageMessage NoNull = new("An element of a list cannot be null.", "列表的元素不能为 null。");

    public static PageMessage ExpectInteger(string min, string max) => new(
        $"An integer from {min} to {max}, as a number or a string of digits.",
        $"应为 {min} 至 {max} 之间的整数（数字或数字字符串）。");

    public static PageMessage ExpectEnum(string enumName, IEnumerable<string> values) => new(
        $"One of the names of {enumName}: {string.Join(", ", values)}.",
        $"应为 {enumName} 的取值之一：{string.Join("、", values)}。");

    public static readonly PageMessage ExpectTimestamp = new(
        "An instant in RFC 3339 form, such as \"2026-03-02T01:00:00Z\".", "应为 RFC 3339 格式的时间，例如 \"2026-03-02T01:00:00Z\"。");

    public static readonly PageMessage ExpectDuration = new(
        "A duration in seconds with the suffix s, such as \"3600s\" or \"1.5s\".", "应为以 s 结尾的秒数，例如 \"3600s\" 或 \"1.5s\"。");

    public static readonly PageMessage ExpectWellKnown = new(
        "A value in the form the proto3 JSON mapping gives this type.", "应为 proto3 JSON 映射规定的该类型格式。");

    public static readonly PageMessage UnsupportedMediaType = new(
        "The body is JSON: send it in UTF-8 with content-type: application/json.",
        "请求体应为 JSON：请以 UTF-8 编码发送，并使用 content-type: application/json。");

    public static PageMessage TooLarge(long limit) => new(
        $"The body is larger than {limit} bytes, the most a request may carry.",
        $"请求体超过了单个请求允许的最大长度 {limit} 字节。");

    public static PageMessage MethodNotAllowed(string method, IEnumerable<string> allowed) => new(
        $"This route does not answer {method}; it answers {string.Join(", ", allowed)}.",
        $"该路径不支持 {method} 方法，仅支持 {string.Join("、", allowed)}。");
}
