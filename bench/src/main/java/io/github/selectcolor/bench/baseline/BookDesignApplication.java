package io.github.selectcolor.bench.baseline;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The book's design, as the benchmark's baseline: a Spring MVC (Tomcat) application that hands each
 * event to Kafka with acks=1 and answers at once, without waiting for Kafka. It serves the book's
 * controller as published ({@link BookDesignController}) and a stripped minimum of it
 * ({@link MinimalController}). Its producer settings are in {@code application.yml}; point it at
 * Kafka with {@code --spring.kafka.bootstrap-servers}.
 */
@SpringBootApplication
public class BookDesignApplication {

  public static void main(String[] args) {
    SpringApplication.run(BookDesignApplication.class, args);
  }
}
