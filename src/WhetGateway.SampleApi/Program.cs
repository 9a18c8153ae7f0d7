using WhetGateway.SampleApi;

await SampleApiApplication.Create(args).RunAsync();
