// The reference for lwqueue's start-up: the smallest Java program, on the same JDK (bench/compare.sh).
public class Hello {
  public static void main(String[] args) {
    System.out.println("hello");
  }
}
