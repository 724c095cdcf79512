drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  amount int not null,
  primary key (id)
) engine=innodb;

insert into gh_ost_test (amount) values (100), (250), (75);
