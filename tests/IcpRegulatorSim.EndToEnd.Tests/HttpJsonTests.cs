using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Api;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.Server.Security;
using IcpRegulatorSim.Server.Web;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.EndToEnd.Tests;

/// <summary>
/// Every service over HTTP/JSON, as a provider's Java, Go or PHP suite would call it: a plain HttpClient, JSON text,
/// the same keys and headers as over gRPC, errors as the JSON form of google.rpc.Status, streams as one JSON object a line.
/// </summary>
public sealed class HttpJsonTests : ServerTest
{
    private const string Provider = "sandbox-provider-key";
    private const string Admin = "sandbox-admin-key";

    private HttpClient http = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        http = new HttpClient { BaseAddress = Server.WebAddress };
    }

    public override async Task DisposeAsync()
    {
        http.Dispose();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task FilingService_submits_reads_lists_and_streams_its_events_as_json()
    {
        var filing = Samples.Individual();
        var body = $$"""{"idempotencyKey":"k-1","filing":{{JsonFormatter.Default.Format(filing)}}}""";
        var submitted = await Send(HttpMethod.Post, "/v1/filings", Provider, body, ("x-icp-scenario", "fixed-code"));
        var orderId = submitted["order"]!["orderId"]!.GetValue<string>();
        Assert.Equal("FILING_TYPE_INITIAL", submitted["order"]!["type"]!.GetValue<string>());
        Assert.Equal("ORDER_STATUS_AWAITING_SMS_VALIDATION", (await Send(HttpMethod.Get, $"/v1/filings/{orderId}", Provider))["status"]!.GetValue<string>());
        Assert.Single((await Send(HttpMethod.Get, "/v1/filings?pageSize=10", Provider))["orders"]!.AsArray());

        var events = await Lines("/v1/filings:watch?afterSequence=0", Provider, count: 1);
        Assert.Equal(orderId, events[0]["orderId"]!.GetValue<string>());
        Assert.Equal("1", events[0]["sequence"]!.GetValue<string>());
        Assert.Equal("ORDER_EVENT_KIND_SUBMITTED", events[0]["kind"]!.GetValue<string>());

        // The same key and a different filing: refused, with the reason a program acts on.
        var (status, error) = await Fail(HttpMethod.Post, "/v1/filings", Provider, $$"""{"idempotencyKey":"k-1","filing":{{JsonFormatter.Default.Format(Samples.Individual())}}}""");
        // FAILED_PRECONDITION is 400 in the standard mapping; the reason tells it from a malformed request.
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(9, error["code"]!.GetValue<int>());
        Assert.Equal("IDEMPOTENCY_KEY_REUSED", Detail(error, "ErrorInfo")["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bad_input_comes_back_as_a_google_rpc_status_with_field_violations_in_both_languages()
    {
        var filing = Samples.Individual();
        filing.Subject.Leader.Mobile = "12345";
        var (status, error) = await Fail(HttpMethod.Post, "/v1/filings", Provider, $$"""{"idempotencyKey":"k-2","filing":{{JsonFormatter.Default.Format(filing)}}}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(3, error["code"]!.GetValue<int>());
        var violation = Assert.Single(Detail(error, "BadRequest")["fieldViolations"]!.AsArray(), v => v!["field"]!.GetValue<string>() == "filing.subject.leader.mobile")!;
        Assert.Contains("手机号码", violation["localizedMessage"]!["message"]!.GetValue<string>());
        Assert.Contains("请求中有不符合要求的字段", Detail(error, "LocalizedMessage")["message"]!.GetValue<string>());

        var (unauthenticated, _) = await Fail(HttpMethod.Get, "/v1/filings/ord-00000001", key: null);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated);
    }

    [Fact]
    public async Task SmsValidationService_answers_the_page_outcomes()
    {
        var validated = await Send(HttpMethod.Post, "/v1/sms:validate", null, """{"mobile":"13800138000","certificateSuffix":"123456","code":"123456"}""");
        Assert.Equal("VALIDATE_OUTCOME_NOT_FOUND", validated["outcome"]!.GetValue<string>());
        Assert.Equal("尊敬的ICP用户：核验库中未找到该记录或该记录已完成核验。", validated["message"]!["zh"]!.GetValue<string>());
        var resent = await Send(HttpMethod.Post, "/v1/sms:resend", null, """{"mobile":"13800138000","certificateSuffix":"123456"}""");
        Assert.Equal("RESEND_OUTCOME_NOT_FOUND", resent["outcome"]!.GetValue<string>());
    }

    [Fact]
    public async Task FilingPasswordService_and_PublicQueryService_answer_for_a_filed_subject()
    {
        var filing = Samples.Individual();
        var order = await Gateway.FileAsync(filing);
        var found = await Send(HttpMethod.Get, $"/v1/public/filings?domain={filing.Services[0].Domains[0]}", null);
        Assert.Equal(order.SubjectNumber, Assert.Single(found["filings"]!.AsArray())!["subjectNumber"]!.GetValue<string>());
        var byNumber = await Send(HttpMethod.Get, $"/v1/public/filings/{Uri.EscapeDataString(order.SubjectNumber)}", null);
        Assert.Single(byNumber["filings"]!.AsArray());
        var byName = await Send(HttpMethod.Get, $"/v1/public/filings:bySubjectName?subjectName={Uri.EscapeDataString(filing.Subject.Name)}", null);
        Assert.Single(byName["filings"]!.AsArray());

        var check = await Send(HttpMethod.Post, "/v1/passwords:verify", Provider, $$"""{"subjectNumber":"{{order.SubjectNumber}}","password":"wrong-password"}""");
        Assert.False(check["valid"]?.GetValue<bool>() ?? false);
        var sent = await Send(HttpMethod.Post, "/v1/passwords:retrieve", null,
            $$"""{"subjectNumber":"{{order.SubjectNumber}}","leaderCertificateNumber":"{{filing.Subject.Leader.CertificateNumber}}"}""");
        Assert.Contains("****", sent["sentToMobile"]!.GetValue<string>());
        var (status, error) = await Fail(HttpMethod.Post, "/v1/passwords:retrieve", null, """{"subjectNumber":"京ICP备2099000001号","leaderCertificateNumber":"x"}""");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("SUBJECT_NOT_FOUND", Detail(error, "ErrorInfo")["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task ReferenceService_serves_its_tables()
    {
        var tables = await Send(HttpMethod.Get, "/v1/code-tables", null);
        Assert.Contains(tables["subjectNatures"]!.AsArray(), n => n!["name"]!["zh"]!.GetValue<string>() == "个人");
        Assert.NotEmpty((await Send(HttpMethod.Get, "/v1/scenarios", null))["scenarios"]!.AsArray());
        Assert.Equal("current", (await Send(HttpMethod.Get, "/v1/rules", null))["profile"]!.GetValue<string>());
    }

    [Fact]
    public async Task ReviewService_and_SandboxService_review_advance_and_stream_the_outbox()
    {
        var filing = Samples.Individual();
        var order = await Gateway.SubmitAndValidateAsync(filing);
        var pending = await Send(HttpMethod.Get, "/v1/reviews", Admin);
        Assert.Equal(order.OrderId, Assert.Single(pending["reviews"]!.AsArray())!["order"]!["orderId"]!.GetValue<string>());
        var approved = await Send(HttpMethod.Post, $"/v1/reviews/{order.OrderId}:approve", Admin, """{"reviewer":"Reviewer Li"}""");
        Assert.Equal("ORDER_STATUS_APPROVED", approved["status"]!.GetValue<string>());

        var advanced = await Send(HttpMethod.Post, "/v1/clock:advance", Admin, """{"by":"86400s"}""");
        Assert.Equal("2026-03-03T09:05:00.000+08:00", advanced["clock"]!["beijingTime"]!.GetValue<string>());
        var messages = await Lines($"/v1/messages:watch?recipient={filing.Subject.Leader.Mobile}", Admin, count: 2);
        Assert.Contains("核验码", messages[0]["body"]!.GetValue<string>());
        Assert.Contains("审核通过", messages[1]["body"]!.GetValue<string>());
        // A provider's key is not enough for the sandbox.
        var (status, _) = await Fail(HttpMethod.Get, "/v1/clock", Provider);
        Assert.Equal(HttpStatusCode.Forbidden, status);
    }

    [Fact]
    public async Task A_worlds_clock_outbox_keys_and_faults_have_routes_under_the_world()
    {
        await Send(HttpMethod.Post, "/v1/worlds", Admin, """{"worldId":"class-a"}""");

        var advanced = await Send(HttpMethod.Post, "/v1/worlds/class-a/clock:advance", Admin, """{"by":"3600s"}""");
        Assert.Equal("2026-03-02T10:00:00.000+08:00", advanced["clock"]!["beijingTime"]!.GetValue<string>());
        Assert.Equal("2026-03-02T10:00:00.000+08:00", (await Send(HttpMethod.Get, "/v1/worlds/class-a/clock", Admin))["beijingTime"]!.GetValue<string>());
        // The default world's clock did not move.
        Assert.Equal("2026-03-02T09:00:00.000+08:00", (await Send(HttpMethod.Get, "/v1/clock", Admin))["beijingTime"]!.GetValue<string>());
        var key = await Send(HttpMethod.Post, "/v1/worlds/class-a/provider-keys", Admin, """{"providerId":"class-provider"}""");
        Assert.Equal("class-a", key["worldId"]!.GetValue<string>());
        Assert.Empty((await Send(HttpMethod.Get, "/v1/worlds/class-a/messages", Admin))["messages"]!.AsArray());

        // The path's world and the header's may not differ; a world that does not exist is named.
        var (mismatch, error) = await Fail(HttpMethod.Get, "/v1/worlds/class-a/clock", Admin, headers: (Callers.WorldHeader, "default"));
        Assert.Equal(HttpStatusCode.BadRequest, mismatch);
        Assert.Equal("world_id", Assert.Single(Detail(error, "BadRequest")["fieldViolations"]!.AsArray())!["field"]!.GetValue<string>());
        var (missing, _) = await Fail(HttpMethod.Post, "/v1/worlds/no-such-world:reset", Admin, "{}");
        Assert.Equal(HttpStatusCode.NotFound, missing);
    }

    [Fact]
    public async Task The_openapi_document_describes_every_route_from_the_protos_and_a_page_browses_it()
    {
        var document = await Send(HttpMethod.Get, ApiDocument.DocumentPath, key: null);
        var paths = document["paths"]!.AsObject();
        foreach (var path in new[] { "/v1/filings", "/v1/filings/{orderId}", "/v1/sms:validate", "/v1/public/filings", "/v1/worlds/{worldId}/clock:advance", "/v1/filings:watch" })
        {
            Assert.True(paths.ContainsKey(path), $"{path} is not in the document");
        }
        // The descriptions are the protos' comments.
        Assert.Contains("every deadline up to the new instant", paths["/v1/clock:advance"]!["post"]!["summary"]!.GetValue<string>());
        Assert.Equal("bearer", document["components"]!["securitySchemes"]!["bearer"]!["scheme"]!.GetValue<string>());

        using var page = await http.GetAsync(ApiDocument.PagePath + "/index.html");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        // Its scripts come from the server itself, not from a CDN.
        Assert.DoesNotContain("https://", html);
        using var script = await http.GetAsync(ApiDocument.PagePath + "/swagger-ui-bundle.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }

    [Fact]
    public async Task Every_route_with_a_body_refuses_a_field_its_message_does_not_have_and_changes_nothing()
    {
        var routes = ContractRoutes().Where(r => r.Rule.Body.Length > 0).ToList();
        Assert.True(routes.Count > 20);
        foreach (var route in routes)
        {
            var (status, error) = await Fail(route.Verb, route.SamplePath, Admin, """{"noSuchField":1}""");
            Assert.True(status == HttpStatusCode.BadRequest, $"{route.Verb} {route.SamplePath}: {status}");
            Assert.Equal(3, error["code"]!.GetValue<int>());
            var violation = Assert.Single(Detail(error, "BadRequest")["fieldViolations"]!.AsArray())!;
            Assert.Equal("noSuchField", violation["field"]!.GetValue<string>());
            Assert.Equal("UNKNOWN_FIELD", violation["reason"]!.GetValue<string>());
        }

        // A misspelt name used to be skipped: the world was created, with a random id.
        var (typo, _) = await Fail(HttpMethod.Post, "/v1/worlds", Admin, """{"worldID":"typo"}""");
        Assert.Equal(HttpStatusCode.BadRequest, typo);
        Assert.Equal(["default"], (await Send(HttpMethod.Get, "/v1/worlds", Admin))["worlds"]!.AsArray().Select(w => w!["worldId"]!.GetValue<string>()));
        // Inside the body, the field is named by its path; the proto's own names are read too.
        var (_, nested) = await Fail(HttpMethod.Post, "/v1/filings", Provider, """{"idempotency_key":"k-9","filing":{"subject":{"nmae":"x"}}}""");
        Assert.Equal("filing.subject.nmae", Assert.Single(Detail(nested, "BadRequest")["fieldViolations"]!.AsArray())!["field"]!.GetValue<string>());
        Assert.Empty((await Send(HttpMethod.Get, "/v1/filings", Provider))["orders"]!.AsArray());
    }

    [Fact]
    public async Task Int64_fields_are_written_as_strings_and_read_from_strings_and_numbers()
    {
        // 2^53 + 1: a JavaScript number would make it 2^53.
        var fromNumber = await Send(HttpMethod.Post, "/v1/worlds", Admin, """{"worldId":"big-number","seed":9007199254740993}""");
        var fromString = await Send(HttpMethod.Post, "/v1/worlds", Admin, """{"worldId":"big-string","seed":"9007199254740995"}""");
        Assert.Equal(JsonValueKind.String, fromNumber["seed"]!.GetValueKind());
        Assert.Equal("9007199254740993", fromNumber["seed"]!.GetValue<string>());
        Assert.Equal("9007199254740995", fromString["seed"]!.GetValue<string>());
        var listed = (await Send(HttpMethod.Get, "/v1/worlds", Admin))["worlds"]!.AsArray().ToDictionary(w => w!["worldId"]!.GetValue<string>(), w => w!["seed"]!);
        Assert.Equal("9007199254740993", listed["big-number"].GetValue<string>());
        Assert.Equal(JsonValueKind.String, listed["default"].GetValueKind());

        // The other forms the proto3 JSON mapping reads: an exponent, an int32 as a string, the proto's field names.
        var exponent = await Send(HttpMethod.Post, "/v1/worlds", Admin, """{"world_id":"exponent","seed":1e3,"clock_rate":"0"}""");
        Assert.Equal("1000", exponent["seed"]!.GetValue<string>());
        Assert.Empty((await Send(HttpMethod.Get, "/v1/filings?pageSize=5&afterSequence=0", Provider))["orders"]!.AsArray());
    }

    [Fact]
    public async Task A_quiet_stream_sends_its_status_and_headers_before_its_first_event()
    {
        await Send(HttpMethod.Post, "/v1/worlds", Admin, """{"worldId":"quiet"}""");
        foreach (var (path, key) in new[]
        {
            ("/v1/filings:watch", Provider),
            ("/v1/messages:watch?recipient=13900000000", Admin),
            ("/v1/worlds/quiet/messages:watch", Admin),
        })
        {
            // Nothing will ever be sent on these: the headers alone must come, as a client waiting for them needs.
            using var stop = Patience.Token();
            using var response = await http.SendAsync(Request(HttpMethod.Get, path, key, null, []), HttpCompletionOption.ResponseHeadersRead, stop.Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(JsonRequests.NdJson, response.Content.Headers.ContentType!.MediaType);
        }
    }

    [Fact]
    public async Task A_request_that_cannot_be_read_is_answered_with_where_it_broke_and_never_with_a_dotnet_type_name()
    {
        var (_, broken) = await Fail(HttpMethod.Post, "/v1/worlds", Admin, "{\"worldId\":\"w\",\n \"seed\": 1,,}");
        var syntax = Assert.Single(Detail(broken, "BadRequest")["fieldViolations"]!.AsArray())!;
        Assert.Equal("MALFORMED_JSON", syntax["reason"]!.GetValue<string>());
        Assert.Contains("line 2, byte 12", syntax["description"]!.GetValue<string>());
        Assert.Contains("第2行第12个字节", syntax["localizedMessage"]!["message"]!.GetValue<string>());

        using var wrongKinds = await http.SendAsync(Request(HttpMethod.Post, "/v1/filings", Provider,
            """{"idempotencyKey":"k-1","type":"NOPE","serviceNumbers":[5],"filing":{"subject":{"certificateType":"one"}}}""", []));
        var text = await wrongKinds.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, wrongKinds.StatusCode);
        Assert.Equal(new[] { "type", "filing.subject.certificate_type", "service_numbers[0]" }.Order(),
            Detail(JsonNode.Parse(text)!, "BadRequest")["fieldViolations"]!.AsArray().Select(v => v!["field"]!.GetValue<string>()).Order());
        Assert.DoesNotContain("IcpRegulatorSim.", text);
        Assert.DoesNotContain("System.", text);
        Assert.DoesNotContain("Int32", text);
        var (_, query) = await Fail(HttpMethod.Get, "/v1/filings?pageSize=99999999999", Provider);
        Assert.Equal("page_size", Assert.Single(Detail(query, "BadRequest")["fieldViolations"]!.AsArray())!["field"]!.GetValue<string>());

        using var plain = new HttpRequestMessage(HttpMethod.Post, "/v1/worlds") { Content = new StringContent("""{"worldId":"w"}""", Encoding.UTF8, "text/plain") };
        plain.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Admin);
        using var unsupported = await http.SendAsync(plain);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, unsupported.StatusCode);
        Assert.Equal("UNSUPPORTED_MEDIA_TYPE", Detail(JsonNode.Parse(await unsupported.Content.ReadAsStringAsync())!, "ErrorInfo")["reason"]!.GetValue<string>());

        var (tooLarge, large) = await Fail(HttpMethod.Post, "/v1/filings:seed", Admin, new string(' ', JsonRequests.MaxBodyBytes + 1));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge);
        Assert.Equal("BODY_TOO_LARGE", Detail(large, "ErrorInfo")["reason"]!.GetValue<string>());

        using var put = await http.SendAsync(Request(HttpMethod.Put, "/v1/worlds", Admin, "{}", []));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, put.StatusCode);
        Assert.Equal(["GET", "POST"], put.Content.Headers.Allow.Order());
        using var delete = await http.SendAsync(Request(HttpMethod.Delete, "/v1/worlds/class-a/clock", Admin, null, []));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, delete.StatusCode);
        Assert.Equal(["GET"], delete.Content.Headers.Allow);
        // A path that is no route is still not found.
        using var nowhere = await http.SendAsync(Request(HttpMethod.Put, "/v1/nowhere", Admin, "{}", []));
        Assert.Equal(HttpStatusCode.NotFound, nowhere.StatusCode);
        Assert.Equal(["default"], (await Send(HttpMethod.Get, "/v1/worlds", Admin))["worlds"]!.AsArray().Select(w => w!["worldId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task The_openapi_document_names_each_operation_says_what_its_json_is_and_asks_a_key_only_where_the_call_needs_one()
    {
        var document = await Send(HttpMethod.Get, ApiDocument.DocumentPath, key: null);
        var operations = 0;
        var ids = new HashSet<string>();
        foreach (var route in ContractRoutes())
        {
            var operation = document["paths"]![route.DocumentPath]?[route.Verb.Method.ToLowerInvariant()];
            Assert.True(operation is not null, $"{route.Verb} {route.DocumentPath} is not in the document");
            operations++;
            var id = operation["operationId"]!.GetValue<string>();
            Assert.Equal(route.OperationId, id);
            Assert.True(ids.Add(id), $"{id} twice");

            // A stream is newline-delimited JSON of its item, as the server sends it; a reply is one JSON document.
            var content = Assert.Single(operation["responses"]!["200"]!["content"]!.AsObject());
            Assert.Equal(route.Method.IsServerStreaming ? JsonRequests.NdJson : "application/json", content.Key);
            Assert.Equal($"#/components/schemas/{route.Method.OutputType.Name}", content.Value!["schema"]!["$ref"]!.GetValue<string>());

            // The document asks for a key exactly where a call without one is refused.
            using var anonymous = await http.SendAsync(
                Request(route.Verb, route.SamplePath, key: null, route.Rule.Body.Length > 0 ? "{}" : null, []), HttpCompletionOption.ResponseHeadersRead);
            var needsKey = anonymous.StatusCode == HttpStatusCode.Unauthorized;
            Assert.True(needsKey == operation["security"] is JsonArray { Count: > 0 },
                $"{id}: a call without a key answers {(int)anonymous.StatusCode}, the document says {operation["security"]?.ToJsonString() ?? "no key"}");
        }
        Assert.Equal(operations, document["paths"]!.AsObject().Sum(p => p.Value!.AsObject().Count));
        Assert.Null(document["security"]);

        // Every field of every message the document describes, in the form the proto3 JSON mapping gives it.
        var schemas = document["components"]!["schemas"]!;
        var checkedFields = new Dictionary<string, int>();
        foreach (var message in ContractFiles().SelectMany(f => f.MessageTypes))
        {
            if (schemas[message.Name]?["properties"] is not JsonObject properties)
            {
                continue;
            }
            foreach (var field in message.Fields.InFieldNumberOrder())
            {
                var property = properties[field.JsonName]!;
                var value = field.IsRepeated ? property["items"]! : property;
                var kind = field.FieldType switch
                {
                    FieldType.Message => field.MessageType.FullName,
                    FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => "int64",
                    _ => null,
                };
                switch (kind)
                {
                    case "google.protobuf.Timestamp":
                        Assert.Equal("date-time", value["format"]!.GetValue<string>());
                        break;
                    case "google.protobuf.Duration":
                        Assert.Equal("google-duration", value["format"]!.GetValue<string>());
                        var pattern = new System.Text.RegularExpressions.Regex(value["pattern"]!.GetValue<string>());
                        Assert.Matches(pattern, "3600s");
                        Assert.Matches(pattern, "1.5s");
                        Assert.DoesNotMatch(pattern, "PT1H");
                        break;
                    case "int64":
                        Assert.Equal("string", value["type"]!.GetValue<string>());
                        Assert.Equal("int64", value["format"]!.GetValue<string>());
                        break;
                    default:
                        continue;
                }
                checkedFields[kind] = checkedFields.GetValueOrDefault(kind) + 1;
            }
        }
        Assert.Equal(3, checkedFields.Count);
        // Every schema is a message or an enum of the contract or of the protos it imports, never a type of C# alone.
        Assert.DoesNotContain(schemas.AsObject(), s => s.Key.EndsWith("OneofCase", StringComparison.Ordinal));
        Assert.DoesNotContain("kindCase", document.ToJsonString(), StringComparison.Ordinal);
        var afterSequence = document["paths"]!["/v1/filings:watch"]!["get"]!["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "afterSequence")!;
        Assert.Equal("string", afterSequence["schema"]!["type"]!.GetValue<string>());
    }

    /// <summary>Each HTTP route of the contract: a method's google.api.http rule and its additional bindings.</summary>
    private static IEnumerable<Route> ContractRoutes() =>
        from file in ContractFiles()
        from service in file.Services
        from method in service.Methods
        let main = method.GetOptions().GetExtension(AnnotationsExtensions.Http)
        from binding in new[] { main }.Concat(main.AdditionalBindings).Select((rule, index) => (rule, index))
        select new Route(method, binding.rule, binding.index == 0 ? "" : (binding.index + 1).ToString());

    private static IEnumerable<FileDescriptor> ContractFiles() =>
        [FilingServiceReflection.Descriptor, SmsValidationServiceReflection.Descriptor, FilingPasswordServiceReflection.Descriptor,
         PublicQueryServiceReflection.Descriptor, ReviewServiceReflection.Descriptor, SandboxServiceReflection.Descriptor,
         ReferenceServiceReflection.Descriptor, CommonReflection.Descriptor,
         Contracts.PublicSecurity.V1.AccountServiceReflection.Descriptor, Contracts.PublicSecurity.V1.FilingServiceReflection.Descriptor,
         Contracts.PublicSecurity.V1.OfficeServiceReflection.Descriptor, Contracts.PublicSecurity.V1.PublicQueryServiceReflection.Descriptor,
         Contracts.PublicSecurity.V1.CommonReflection.Descriptor];

    private sealed record Route(MethodDescriptor Method, HttpRule Rule, string Suffix)
    {
        public HttpMethod Verb => Rule.PatternCase switch
        {
            HttpRule.PatternOneofCase.Get => HttpMethod.Get,
            HttpRule.PatternOneofCase.Post => HttpMethod.Post,
            HttpRule.PatternOneofCase.Put => HttpMethod.Put,
            HttpRule.PatternOneofCase.Delete => HttpMethod.Delete,
            HttpRule.PatternOneofCase.Patch => HttpMethod.Patch,
            _ => throw new InvalidOperationException($"{Method.FullName}: {Rule.PatternCase}"),
        };

        private string Template => Rule.PatternCase switch
        {
            HttpRule.PatternOneofCase.Get => Rule.Get,
            HttpRule.PatternOneofCase.Post => Rule.Post,
            HttpRule.PatternOneofCase.Put => Rule.Put,
            HttpRule.PatternOneofCase.Delete => Rule.Delete,
            _ => Rule.Patch,
        };

        /// <summary>As the document writes it: the path's variables by their JSON names.</summary>
        public string DocumentPath => System.Text.RegularExpressions.Regex.Replace(Template, "{([a-z_]+)}",
            m => "{" + Method.InputType.FindFieldByName(m.Groups[1].Value).JsonName + "}");

        /// <summary>The route with a value in each variable.</summary>
        public string SamplePath => System.Text.RegularExpressions.Regex.Replace(Template, "{[a-z_]+}", "sample");

        public string OperationId => $"{Method.Service.Name}_{Method.Name}{Suffix}";
    }

    private async Task<JsonNode> Send(HttpMethod method, string path, string? key, string? body = null, params (string Name, string Value)[] headers)
    {
        using var response = await http.SendAsync(Request(method, path, key, body, headers));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    private async Task<(HttpStatusCode Status, JsonNode Error)> Fail(
        HttpMethod method, string path, string? key, string? body = null, params (string Name, string Value)[] headers)
    {
        using var response = await http.SendAsync(Request(method, path, key, body, headers));
        Assert.False(response.IsSuccessStatusCode);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    /// <summary>The first <paramref name="count"/> objects of a server stream, one JSON object a line.</summary>
    private async Task<List<JsonNode>> Lines(string path, string key, int count)
    {
        using var response = await http.SendAsync(Request(HttpMethod.Get, path, key, null, []), HttpCompletionOption.ResponseHeadersRead);
        Assert.True(response.IsSuccessStatusCode);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var lines = new List<JsonNode>();
        while (lines.Count < count && await reader.ReadLineAsync() is { } line)
        {
            if (line.Trim().Length > 0)
            {
                lines.Add(JsonNode.Parse(line)!);
            }
        }
        return lines;
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string? key, string? body, (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(method, path);
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }
        return request;
    }

    private static JsonNode Detail(JsonNode error, string type) =>
        error["details"]!.AsArray().Single(d => d!["@type"]!.GetValue<string>().EndsWith("." + type, StringComparison.Ordinal))!;
}
