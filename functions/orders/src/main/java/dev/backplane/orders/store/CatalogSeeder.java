package dev.backplane.orders.store;

import dev.backplane.core.aws.AwsClients;
import dev.backplane.core.config.Config;
import dev.backplane.core.json.Json;
import dev.backplane.orders.domain.Money;
import dev.backplane.orders.domain.Product;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Seeds the catalog from a JSON file ({@code [{id, name, description, price, currency, stock}]}); re-running
 * updates names and prices but never resets live stock. Usage: {@code TABLE_NAME=… CatalogSeeder products.json}
 * (endpoint and credentials from the usual AWS variables, e.g. AWS_ENDPOINT_URL_DYNAMODB for devstack).
 */
public final class CatalogSeeder {
    record SeedProduct(String id, String name, String description, long price, String currency, int stock) {}

    private CatalogSeeder() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: CatalogSeeder <products.json>   (env: TABLE_NAME, AWS_REGION, AWS_ENDPOINT_URL_DYNAMODB)");
            System.exit(2);
        }
        Config config = Config.fromEnvironment();
        int count = seed(new DynamoCatalog(new AwsClients(config).dynamoDb(), config.require("TABLE_NAME")), Path.of(args[0]));
        System.out.println("seeded " + count + " products into " + config.require("TABLE_NAME"));
    }

    public static int seed(DynamoCatalog catalog, Path file) throws IOException {
        List<SeedProduct> products = List.of(Json.read(Files.readString(file), SeedProduct[].class));
        for (SeedProduct p : products) {
            catalog.upsert(new Product(p.id(), p.name(), p.description(), new Money(p.price(), p.currency()), p.stock()));
        }
        return products.size();
    }
}
