using MinimalApi;

await OrderApp.Create(args).RunAsync();
