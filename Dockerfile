# One build, two images: the gateway (target "gateway") and the bundled sample API (target "sample-api").
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/WhetGateway/WhetGateway.csproj -c Release -o /out/gateway \
 && dotnet publish src/WhetGateway.SampleApi/WhetGateway.SampleApi.csproj -c Release -o /out/sample-api

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS gateway
WORKDIR /app
COPY --from=build /out/gateway .
# config/sample.json is the demo configuration: it trusts the sample's published signing key, so a gateway started
# with it refuses to run unless Idempotency__Scope__Jwt__AllowDemoSigningKey=true is set as well (docker-compose.yml
# does, for the demo). The image itself never sets that switch.
COPY config ./config
EXPOSE 8080
# Set Management__Urls (e.g. http://0.0.0.0:9901) to move /metrics, /readyz and the operator API off the public
# port 8080 onto a listener of their own; docker-compose.yml does.
ENTRYPOINT ["dotnet", "WhetGateway.dll", "--urls", "http://0.0.0.0:8080"]

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS sample-api
WORKDIR /app
COPY --from=build /out/sample-api .
EXPOSE 8080
ENTRYPOINT ["dotnet", "WhetGateway.SampleApi.dll", "--urls", "http://0.0.0.0:8080"]
