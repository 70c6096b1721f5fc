package com.example.orders;

/** The service the scenario's image ships; its sources end up in the single-stage image. */
public final class OrdersApplication {
  public static void main(String[] args) {
    System.out.println("orders-service up");
  }
}
